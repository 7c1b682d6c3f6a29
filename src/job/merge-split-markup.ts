import { tokenizeSegment } from '../protect/index.js';

/**
 * Sentences of a Markdown block, merged wherever a sentence boundary falls inside inline markup
 * (a link's text, an emphasis, a URL): a segment must hold whole pairs, or protection would have
 * to send half a tag. `segments` are the block's sentences in order, as substrings of `block`.
 */
export function mergeSplitMarkup(block: string, segments: readonly string[]): string[] {
  if (segments.length < 2) return [...segments];
  const spans = markupSpans(block);
  if (spans.length === 0) return [...segments];

  const located: Array<{ start: number; end: number }> = [];
  let cursor = 0;
  for (const segment of segments) {
    const start = block.indexOf(segment, cursor);
    if (start < 0) return [...segments]; // not substrings (normalised differently): leave as they are
    located.push({ start, end: start + segment.length });
    cursor = start + segment.length;
  }
  const merged: Array<{ start: number; end: number }> = [];
  for (const next of located) {
    const last = merged.at(-1);
    if (last && spans.some((s) => s.start < next.start && next.start < s.end)) last.end = next.end;
    else merged.push({ ...next });
  }
  return merged.map((m) => block.slice(m.start, m.end));
}

/** Character ranges a sentence break may not cut: each tag pair from its opening to its closing, and each placeholder. */
function markupSpans(block: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const opened = new Map<number, number>();
  let offset = 0;
  for (const piece of tokenizeSegment(block, 'markdown', { doNotTranslate: [] })) {
    const length = piece.type === 'text' ? piece.text.length : piece.raw.length;
    if (piece.type === 'placeholder') spans.push({ start: offset, end: offset + length });
    else if (piece.type === 'open') opened.set(piece.pair, offset);
    else if (piece.type === 'close') spans.push({ start: opened.get(piece.pair) ?? offset, end: offset + length });
    offset += length;
  }
  return spans;
}
