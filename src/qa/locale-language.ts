import { languageOf } from '../text/language-of.js';

export { languageOf };

export type LetterScript = 'Latin' | 'Cyrillic' | 'Han';

/**
 * The script a locale's text is written in, from its script subtag (`kk-Latn`, `zh-Hant`) or else
 * its language (en → Latin, kk → Cyrillic, zh → Han); undefined for locales Tilmash does not know.
 */
export function scriptOf(locale: string): LetterScript | undefined {
  const subtag = locale.split(/[-_]/).slice(1).find((part) => /^[A-Za-z]{4}$/.test(part));
  switch (subtag?.toLowerCase()) {
    case 'latn':
      return 'Latin';
    case 'cyrl':
      return 'Cyrillic';
    case 'hans':
    case 'hant':
      return 'Han';
  }
  return ({ en: 'Latin', kk: 'Cyrillic', zh: 'Han' } as const)[languageOf(locale) as 'en' | 'kk' | 'zh'];
}

/** Matches one letter of the script. */
export const LETTER_OF: Readonly<Record<LetterScript, RegExp>> = {
  Latin: /\p{Script=Latin}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Han: /\p{Script=Han}/u,
};
