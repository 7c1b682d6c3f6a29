import { claimCommonSpans } from './claim-common-spans.js';
import type { RawToken } from './raw-token.js';
import { SpanClaims } from './span-claims.js';

/** Characters an apostrophe quotes (`#` too: a leaf may come from a plural branch). */
const QUOTABLE = new Set(['{', '}', '<', '>', '#']);
const TAG = /<(\/?)([A-Za-z0-9_-]+)(\/?)>/y;

/**
 * One ICU message leaf, read as @formatjs/icu-messageformat-parser reads a plural branch: `''` is an
 * apostrophe, `'` before `{ } < > #` opens a quoted literal up to the next single `'`, any other `'`
 * is literal. Arguments `{…}` (balanced, so a plural or select left in the leaf is one piece) and `#`
 * are variables; `<b>`…`</b>` pair by name, `<x/>` is a placeholder. Text tokens hold the visible,
 * unescaped text; URLs, e-mails and terms found in it are placeholders holding visible text too
 * (`joinPieces` escapes them with the text around them).
 */
export function tokenizeIcu(text: string, doNotTranslate: readonly string[]): RawToken[] {
  const tokens: RawToken[] = [];
  let visible = '';
  const flush = (): void => {
    if (visible === '') return;
    const claims = new SpanClaims(visible);
    claimCommonSpans(claims, doNotTranslate);
    tokens.push(...claims.tokens());
    visible = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === "'") {
      const quoted = readApostrophe(text, i);
      visible += quoted.text;
      i = quoted.end;
      continue;
    }
    if (c === '{') {
      const end = argumentEnd(text, i);
      if (end > 0) {
        flush();
        tokens.push({ type: 'placeholder', raw: text.slice(i, end), kind: 'variable' });
        i = end;
        continue;
      }
    } else if (c === '#') {
      flush();
      tokens.push({ type: 'placeholder', raw: '#', kind: 'variable' });
      i += 1;
      continue;
    } else if (c === '<') {
      TAG.lastIndex = i;
      const tag = TAG.exec(text);
      if (tag !== null && !(tag[1] === '/' && tag[3] === '/')) {
        flush();
        const [raw, slash, name, selfClosing] = tag;
        if (selfClosing === '/') tokens.push({ type: 'placeholder', raw, kind: 'tag' });
        else tokens.push({ type: slash === '/' ? 'close' : 'open', raw, match: `tag:${name}` });
        i += raw.length;
        continue;
      }
    }
    visible += c;
    i += 1;
  }
  flush();
  return tokens;
}

/** Reads what an apostrophe at `at` stands for: `''`, a quoted literal, or itself. */
function readApostrophe(text: string, at: number): { text: string; end: number } {
  const next = text[at + 1];
  if (next === "'") return { text: "'", end: at + 2 };
  if (next === undefined || !QUOTABLE.has(next)) return { text: "'", end: at + 1 };
  let out = next;
  let i = at + 2;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] !== "'") return { text: out, end: i + 1 };
      out += "'";
      i += 2;
    } else {
      out += text[i] as string;
      i += 1;
    }
  }
  return { text: out, end: i };
}

/** The index after the `}` that closes the argument opened at `open`, honouring quotes; -1 if none. */
function argumentEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    const c = text[i];
    if (c === "'") {
      i = readApostrophe(text, i).end;
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}' && --depth === 0) return i + 1;
    i += 1;
  }
  return -1;
}
