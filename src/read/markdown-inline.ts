/**
 * Reduces Markdown inline markup to plain text, for this version of Tilmash: links and images keep
 * their text (`[text](url)` → `text`), emphasis and strike markers are dropped (`**a**`, `*a*`,
 * `_a_`, `~~a~~` → `a`), code spans keep their content, inline HTML tags are dropped and backslash
 * escapes are resolved. Used where rules must see the words only: boilerplate and caption patterns.
 */
export function reduceInline(markdown: string): string {
  // Code spans first: nothing inside them is markup.
  const parts = markdown.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  let out = '';
  for (let i = 0; i < parts.length; i += 3) {
    out += reduceProse(parts[i] ?? '');
    if (i + 2 < parts.length) out += (parts[i + 2] ?? '').trim();
  }
  return out;
}

/** ASCII punctuation escaped with `\` is parked in the private-use area while markup is removed. */
const PARK = 0xe000;

function reduceProse(text: string): string {
  let s = text
    .replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => String.fromCharCode(PARK + c.charCodeAt(0)))
    .replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^<>\s]+)>/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  // Strong before emphasis, repeated so that `***a***` and nested markers unwrap.
  for (let pass = 0; pass < 3; pass++) {
    const before = s;
    s = s
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
      .replace(/(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, '$1')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/\*(?=[^\s*])([\s\S]*?[^\s*])\*/g, '$1')
      .replace(/(?<![\p{L}\p{N}_])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}_])/gu, '$1');
    if (s === before) break;
  }
  return s.replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PARK));
}
