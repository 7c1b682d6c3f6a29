import { EMOJI } from './compile-rules.js';

/*
 * Candidate boundaries: a run of sentence-final punctuation (`.`, `?!`, `!..`, `…`, any Unicode
 * sentence terminator such as `。`) with the closing quotes, brackets and emoji after it (`?»`,
 * `.)`, `… »`, `! 😍`), an emoticon (`;)`, `:))`), a run of emoji, closing parentheses
 * (`спасибо)`), or a semicolon. The rules decide which of them are boundaries.
 */
const SPACE = '[ \\t\\u00a0]';
const CANDIDATE = new RegExp(
  `[:;=]-?[)(]{1,3}|(?:\\p{STerm}|…)+(?:["'»”’)\\]}]|${SPACE}+[»”)\\]}]|${SPACE}*${EMOJI})*|${EMOJI}(?:${SPACE}*${EMOJI})*|\\)+|;`,
  'uy',
);

// ASCII characters a candidate can start with; Cyrillic never starts one. Any other character is
// checked with the regex (it is cheap: sticky, failing at once).
const ASCII_START = new Uint8Array(128);
for (const char of '.?!;:=)') ASCII_START[char.charCodeAt(0)] = 1;

/** The next candidate at or after `from` in `line`: `[start, end)`, or null. */
export function nextCandidate(line: string, from: number): { start: number; end: number } | null {
  for (let i = from; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x80 ? ASCII_START[code] === 0 : code >= 0x400 && code <= 0x52f) continue;
    CANDIDATE.lastIndex = i;
    if (CANDIDATE.test(line)) return { start: i, end: CANDIDATE.lastIndex };
  }
  return null;
}
