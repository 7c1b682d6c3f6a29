/**
 * Reduces Markdown inline markup to plain text, for this version of Tilmash: links and images keep
 * their text (`[text](url)` → `text`), emphasis and strike markers are dropped (`**a**`, `*a*`,
 * `_a_`, `~~a~~` → `a`), code spans keep their content, inline HTML tags are dropped and backslash
 * escapes are resolved. Used where rules must see the words only: boilerplate and caption patterns.
 */
export function reduceInline(markdown: string): string {
  // Code spans first: nothing inside them is markup. An opener is a whole run of backticks (as in
  // CommonMark), which also keeps a long run from being retried at each of its positions (n²).
  const parts = markdown.split(/(?<!`)(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  let out = '';
  for (let i = 0; i < parts.length; i += 3) {
    out += reduceProse(parts[i] ?? '');
    if (i + 2 < parts.length) out += (parts[i + 2] ?? '').trim();
  }
  return out;
}

/**
 * An emphasis pattern and where its last possible closing marker is. Each pattern is lazy
 * (`open … close`): an opening marker with no closer after it scans to the end of the text and
 * fails, so a line of many unclosed markers (`*a *a *a …`) cost n² steps. No match can end after
 * the last closer, so the pattern runs on the text up to it and the rest is kept as it is: the
 * same matches, each opener scanning at most to that closer.
 */
interface Emphasis {
  pattern: RegExp;
  marker: string;
  /** Whether a closing marker at `at` can end a match (the conditions after the lazy group). */
  closes: (text: string, at: number) => boolean;
}

const isSpace = (char: string): boolean => /^\s$/u.test(char);
const wordAfter = (text: string, at: number): boolean => /^[\p{L}\p{N}_]/u.test(String.fromCodePoint(text.codePointAt(at) ?? 0x20));
const EMPHASIS: readonly Emphasis[] = [
  { pattern: /\*\*(?=\S)([\s\S]*?\S)\*\*/g, marker: '**', closes: (t, at) => at > 0 && !isSpace(t.charAt(at - 1)) },
  { pattern: /(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, marker: '__', closes: (t, at) => at > 0 && !isSpace(t.charAt(at - 1)) && !wordAfter(t, at + 2) },
  { pattern: /~~(?=\S)([\s\S]*?\S)~~/g, marker: '~~', closes: (t, at) => at > 0 && !isSpace(t.charAt(at - 1)) },
  { pattern: /\*(?=[^\s*])([\s\S]*?[^\s*])\*/g, marker: '*', closes: (t, at) => at > 0 && !isSpace(t.charAt(at - 1)) && t.charAt(at - 1) !== '*' },
  { pattern: /(?<![\p{L}\p{N}_])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}_])/gu, marker: '_', closes: (t, at) => at > 0 && !isSpace(t.charAt(at - 1)) && !wordAfter(t, at + 1) },
];

/** `text.replace(pattern, '$1')`, run only on the text up to the last marker that can close. */
function unwrapBefore(text: string, { pattern, marker, closes }: Emphasis): string {
  let at = text.lastIndexOf(marker);
  while (at >= 0 && !closes(text, at)) at = at === 0 ? -1 : text.lastIndexOf(marker, at - 1);
  if (at < 0) return text;
  const end = at + marker.length;
  return end === text.length ? text.replace(pattern, '$1') : text.slice(0, end).replace(pattern, '$1') + text.slice(end);
}

/**
 * Links and images by their innermost brackets (link text holds no `[` or `]`, as a CommonMark link
 * text holds no unbalanced ones), and a destination with no spaces, parentheses one level deep and
 * an optional title. Every repeated part stops at the next bracket or parenthesis, so a run of `[`,
 * `![` or `[a](` is not rescanned to the end of the line from each of its positions (n²).
 */
const DESTINATION = String.raw`\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)`;
const IMAGE = new RegExp(String.raw`!\[([^\[\]]*)\]` + DESTINATION, 'g');
const LINK = new RegExp(String.raw`\[([^\[\]]*)\]` + DESTINATION, 'g');
const REFERENCE_LINK = /\[([^\[\]]+)\]\[[^\[\]]*\]/g;

/** ASCII punctuation escaped with `\` is parked in the private-use area while markup is removed. */
const PARK = 0xe000;

function reduceProse(text: string): string {
  let s = text
    .replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => String.fromCharCode(PARK + c.charCodeAt(0)))
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(/<((?:https?|mailto):[^<>\s]+)>/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  // Strong before emphasis, repeated so that `***a***` and nested markers unwrap.
  for (let pass = 0; pass < 3; pass++) {
    const before = s;
    for (const marker of EMPHASIS) s = unwrapBefore(s, marker);
    if (s === before) break;
  }
  return s.replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PARK));
}
