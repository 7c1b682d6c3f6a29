/**
 * One order for items listed by several sequences: the first sequence as is; an item first seen in
 * a later sequence goes right after its predecessor there (at the front when it has none), so a key
 * only in the base lands where it used to be. Linear in the total length.
 */
export function diffMergeOrder(sequences: ReadonlyArray<Iterable<string>>): string[] {
  const seen = new Set<string>();
  const front: string[] = [];
  const firstRun: string[] = [];
  const after = new Map<string, string[]>();
  sequences.forEach((sequence, index) => {
    let previous: string | undefined;
    for (const item of sequence) {
      if (!seen.has(item)) {
        seen.add(item);
        if (index === 0) firstRun.push(item);
        else if (previous === undefined) front.push(item);
        else {
          const followers = after.get(previous);
          if (followers) followers.push(item);
          else after.set(previous, [item]);
        }
      }
      previous = item;
    }
  });
  const out: string[] = [];
  const stack = [...front, ...firstRun].reverse();
  // Depth first: an item, then what was attached after it (in attachment order), then its next sibling.
  const emitted = new Set<string>();
  while (stack.length > 0) {
    const item = stack.pop() as string;
    if (emitted.has(item)) continue;
    emitted.add(item);
    out.push(item);
    const followers = after.get(item);
    if (followers) for (let i = followers.length - 1; i >= 0; i--) stack.push(followers[i] as string);
  }
  return out;
}
