/**
 * The words of a text that are in some language: what a reader sees (`visibleText`) without what
 * protection keeps verbatim and no language check may judge — inline code spans (`` `26 млрд` ``)
 * and URLs and e-mail addresses. Used by the language checks (`untranslated`, `script`).
 */
import type { Syntax } from '../protect/protect-types.js';
import { tokenizeSegment } from '../protect/tokenize-segment.js';
import { maskUrlsAndEmails } from './find-urls-emails.js';
import { visibleText } from './visible-text.js';

export function languageText(text: string, syntax: Syntax, gap = ''): string {
  let kept = text;
  if (syntax === 'markdown') {
    const pieces = tokenizeSegment(text, syntax, { doNotTranslate: [] });
    for (const piece of pieces) if (piece.type === 'placeholder' && piece.kind === 'code') kept = kept.replace(piece.raw, ' ');
  }
  return maskUrlsAndEmails(visibleText(kept, syntax, gap), ' ');
}
