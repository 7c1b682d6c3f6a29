import type { BundleEntry, LocalizedMessagePlan } from '../messages/message-types.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';
import { flatKey } from './hash-entries.js';

/**
 * The translation of each segment implied by a person's edit of a key, so the edit is recorded in
 * the TM segment by segment and reused wherever those segments occur. Undefined when the edit
 * cannot be cut the way the key is built (a different number of sentences, a changed plural
 * structure): the bundle then keeps the edit as a whole (see the ledger's `edited`).
 *
 * Messages: the key is built with markers in place of the translations and the edited value is
 * matched against that skeleton. Article blocks of several sentences: the edit is split into
 * sentences with `Intl.Segmenter` for the target locale.
 */
export function segmentsOfEdit(plan: LocalizedMessagePlan, edited: readonly BundleEntry[], locale: string, kind: 'block' | 'message'): Array<{ source: string; target: string }> | undefined {
  const sources = plan.segments.map((s) => s.text);
  if (sources.length === 0) return [];
  if (kind === 'block') {
    const value = edited[0]?.value;
    if (value === undefined || edited.length !== 1) return undefined;
    const sentences = sources.length === 1 ? [value] : [...new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(value)].map((s) => s.segment.trim()).filter(Boolean);
    return sentences.length === sources.length ? sources.map((source, i) => ({ source, target: sentences[i] as string })) : undefined;
  }
  const marker = (i: number) => `\uE000${i}\uE001`;
  const skeleton = plan.build(sources.map((_, i) => marker(i)));
  if (skeleton.length !== edited.length) return undefined;
  const found = new Map<number, string>();
  for (const [j, built] of skeleton.entries()) {
    const mine = edited[j] as BundleEntry;
    if (flatKey(built.path) !== flatKey(mine.path)) return undefined;
    const order: number[] = [];
    const pattern = built.value
      .split(/\uE000(\d+)\uE001/u)
      .map((part, k) => {
        if (k % 2 === 0) return escapeRegExp(part);
        order.push(Number(part));
        return '([\\s\\S]*?)';
      })
      .join('');
    const match = new RegExp(`^${pattern}$`, 'u').exec(mine.value);
    if (!match) return undefined;
    for (const [k, index] of order.entries()) {
      const target = match[k + 1] as string;
      if (found.has(index) && found.get(index) !== target) return undefined;
      found.set(index, target);
    }
  }
  if (found.size !== sources.length) return undefined;
  return sources.map((source, i) => ({ source, target: found.get(i) as string }));
}
