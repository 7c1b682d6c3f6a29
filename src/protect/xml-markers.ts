import type { MarkerTable } from './marker-table.js';
import type { MarkerEvent } from './restore-from-markers.js';
import type { Piece } from './protect-types.js';

/** Text → XML character data. */
export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data → text: the five named entities and numeric references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Placeholders `<x id="N"/>`, pairs `<g id="N">…</g>`, text XML-escaped. */
export function toXmlWire(pieces: readonly Piece[], table: MarkerTable): string {
  return pieces
    .map((piece, i) => {
      const id = table.idOfPiece[i] ?? 0;
      if (piece.type === 'text') return escapeXml(piece.text);
      if (piece.type === 'placeholder') return `<x id="${id}"/>`;
      return piece.type === 'open' ? `<g id="${id}">` : '</g>';
    })
    .join('');
}

const ID = String.raw`\s+id\s*=\s*(?:"\s*(\d+)\s*"|'\s*(\d+)\s*')\s*`;
const X = new RegExp(String.raw`^<\s*x${ID}(/?)\s*>$`);
const G = new RegExp(String.raw`^<\s*g${ID}>$`);
const G_CLOSE = /^<\s*\/\s*g\s*>$/;
const X_CLOSE = /^<\s*\/\s*x\s*>$/;

/**
 * Reads an answer to `toXmlWire` tolerantly: spaces inside tags, `<x id="1" />`, `'` quotes, and
 * `<x id="1"></x>` are all accepted. Any other tag-like span is an unknown marker.
 */
export function parseXmlAnswer(answer: string): MarkerEvent[] {
  const events: MarkerEvent[] = [];
  let at = 0;
  for (const m of answer.matchAll(/<[^<>]*>/g)) {
    if (m.index > at) events.push({ type: 'text', text: unescapeXml(answer.slice(at, m.index)) });
    at = m.index + m[0].length;
    const marker = m[0];
    const x = X.exec(marker);
    const g = G.exec(marker);
    if (x !== null) events.push({ type: 'placeholder', id: Number(x[1] ?? x[2]), marker });
    else if (g !== null) events.push({ type: 'open', id: Number(g[1] ?? g[2]), marker });
    else if (G_CLOSE.test(marker)) events.push({ type: 'close', id: undefined, marker });
    else if (!X_CLOSE.test(marker)) events.push({ type: 'unknown', marker });
  }
  if (at < answer.length) events.push({ type: 'text', text: unescapeXml(answer.slice(at)) });
  return events;
}
