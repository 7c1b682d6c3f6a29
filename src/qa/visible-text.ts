import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { reduceInline } from '../read/markdown-inline.js';
import type { Syntax } from '../protect/protect-types.js';

/** A self-closing tag, which the ICU parser leaves inside literals (`<br/>`). */
const SELF_CLOSING_TAG = /<[\p{L}\p{N}_.-]+\s*\/>/gu;
/** An opening, closing or self-closing tag: `<0>`, `</b>`, `<br/>`, `<a href="…">`. */
const TAG = /<\/?[\p{L}\p{N}_.-]+(?:\s[^<>]*)?\/?>/gu;
const I18NEXT_VARIABLE = /\{\{[^{}]*\}\}/g;
/** `$t(key)` or `$t(key, { "count": 2 })` (one level of nested parentheses). */
const I18NEXT_NESTING = /\$t\((?:[^()]|\([^()]*\))*\)/g;
const AUTOLINK = /<(?:(?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>/gi;

/** Several checks of several locales ask for the same segment's text: the latest answers are kept. */
const RECENT_LIMIT = 64;
const recent = new Map<string, string>();

/**
 * The words a reader sees in a text of the given syntax. Variables, ICU arguments and `#`, i18next
 * nesting calls and Markdown autolinks become `gap` (default nothing; a check that must not see
 * text on both sides of a variable as adjacent passes a neutral character). Tags and link URLs
 * vanish, link text stays. ICU plural and select branches are all kept, separated by a space.
 * `plain` text is returned unchanged.
 */
export function visibleText(text: string, syntax: Syntax, gap = ''): string {
  if (syntax === 'plain') return text;
  const key = `${syntax}\u0000${gap}\u0000${text}`;
  let visible = recent.get(key);
  if (visible === undefined) {
    visible = computeVisibleText(text, syntax, gap);
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
    recent.set(key, visible);
  }
  return visible;
}

function computeVisibleText(text: string, syntax: Exclude<Syntax, 'plain'>, gap: string): string {
  switch (syntax) {
    case 'markdown':
      return reduceInline(text.replace(AUTOLINK, gap));
    case 'i18next':
      return text.replace(I18NEXT_NESTING, gap).replace(I18NEXT_VARIABLE, gap).replace(TAG, '');
    case 'icu':
      return icuVisibleText(text, gap);
  }
}

function icuVisibleText(text: string, gap: string): string {
  let ast: MessageFormatElement[];
  try {
    ast = parse(text, { requiresOtherClause: false });
  } catch {
    return stripBraces(text, gap).replace(TAG, '');
  }
  return walk(ast, gap);
}

function walk(elements: readonly MessageFormatElement[], gap: string): string {
  let out = '';
  for (const el of elements) {
    switch (el.type) {
      case TYPE.literal:
        out += el.value.replace(SELF_CLOSING_TAG, '');
        break;
      case TYPE.tag:
        out += walk(el.children, gap);
        break;
      case TYPE.plural:
      case TYPE.select:
        out += Object.values(el.options)
          .map((option) => walk(option.value, gap))
          .join(' ');
        break;
      default: // argument, number, date, time, `#`
        out += gap;
    }
  }
  return out;
}

/** Fallback for a text that is not valid ICU: every `{…}` (innermost first) becomes the gap. */
function stripBraces(text: string, gap: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/\{[^{}]*\}/g, gap);
  }
  return out;
}
