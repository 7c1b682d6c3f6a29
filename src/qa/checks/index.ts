import type { QaCheck } from '../qa-types.js';
import { emptyCheck } from './empty.js';
import { glossaryCheck } from './glossary.js';
import { icuStructureCheck } from './icu-structure.js';
import { lengthRatioCheck } from './length-ratio.js';
import { numbersCheck } from './numbers.js';
import { placeholderSpacingCheck } from './placeholder-spacing.js';
import { placeholdersCheck } from './placeholders.js';
import { scriptCheck } from './script.js';
import { untranslatedCheck } from './untranslated.js';
import { urlsEmailsCheck } from './urls-emails.js';
import { whitespaceCheck } from './whitespace.js';
import { zhPunctuationCheck } from './zh-punctuation.js';

export { emptyCheck, glossaryCheck, icuStructureCheck, lengthRatioCheck, numbersCheck, placeholderSpacingCheck, placeholdersCheck, scriptCheck, untranslatedCheck, urlsEmailsCheck, whitespaceCheck, zhPunctuationCheck };

/** Every built-in check, in the order findings are reported. Ids are the keys of `qa.checks` in the config. */
export const BUILT_IN_CHECKS: readonly QaCheck[] = [
  emptyCheck,
  placeholdersCheck,
  placeholderSpacingCheck,
  icuStructureCheck,
  urlsEmailsCheck,
  numbersCheck,
  glossaryCheck,
  untranslatedCheck,
  scriptCheck,
  lengthRatioCheck,
  whitespaceCheck,
  zhPunctuationCheck,
];
