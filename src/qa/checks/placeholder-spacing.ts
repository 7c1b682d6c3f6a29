import { tokenizeSegment } from '../../protect/tokenize-segment.js';
import type { Piece } from '../../protect/protect-types.js';
import { languageOf } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';

/** Targets written without spaces between words: a placeholder sits directly beside the text. */
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'ko', 'th', 'lo', 'my', 'km']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

interface Sides {
  label: string;
  before: string;
  after: string;
}

/**
 * The characters beside each placeholder and tag, in order: the last character of the text before
 * it and the first of the text after it ('' at an edge or beside another code).
 */
function sides(pieces: readonly Piece[]): Map<string, Sides[]> {
  const byCode = new Map<string, Sides[]>();
  pieces.forEach((piece, index) => {
    if (piece.type === 'text' || (piece.type === 'placeholder' && (piece.kind === 'url' || piece.kind === 'email' || piece.kind === 'term'))) return;
    const previous = pieces[index - 1];
    const next = pieces[index + 1];
    const key = `${piece.type}\u0000${piece.raw}`;
    const list = byCode.get(key) ?? [];
    list.push({ label: piece.raw, before: previous?.type === 'text' ? previous.text.slice(-1) : '', after: next?.type === 'text' ? next.text.slice(0, 1) : '' });
    byCode.set(key, list);
  });
  return byCode;
}

/**
 * Where the source has a space between a placeholder or tag and a word, the target has one too:
 * `{{count}} адам` must not become `{{count}}адам`, nor `сомасы {total, number}` `сомасы{total, number}`.
 * Compared code by code (the n-th `{{count}}` of the source with the n-th of the target), only where
 * the target glues a letter or digit to the code. Skipped for targets written without spaces (zh).
 */
export const placeholderSpacingCheck: QaCheck = {
  id: 'placeholder-spacing',
  defaultSeverity: 'error',
  description: 'a placeholder or tag spaced off from a word in the source is spaced off in the target',
  run({ source, target, locale, syntax }) {
    if (syntax === 'plain' || UNSPACED_LANGUAGES.has(languageOf(locale))) return [];
    const options = { doNotTranslate: [] };
    const sourceSides = sides(tokenizeSegment(source, syntax, options));
    const targetSides = sides(tokenizeSegment(target, syntax, options));
    const messages: string[] = [];
    for (const [key, inSource] of sourceSides) {
      const inTarget = targetSides.get(key) ?? [];
      inSource.forEach((expected, i) => {
        const found = inTarget[i];
        if (found === undefined) return; // a missing code is the placeholders check's finding
        if (SPACE.test(expected.before) && WORD_CHAR.test(found.before)) messages.push(`no space before ${found.label} in the target (the source has one): «…${found.before}${found.label}»`);
        if (SPACE.test(expected.after) && WORD_CHAR.test(found.after)) messages.push(`no space after ${found.label} in the target (the source has one): «${found.label}${found.after}…»`);
      });
    }
    return messages;
  },
};
