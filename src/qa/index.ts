// The rule-based QA checks: the framework, the helpers checks share, and the built-in checks.
export type { CheckInput, Finding, QaCheck, Severity, SeveritySetting } from './qa-types.js';
export { runChecks } from './run-checks.js';
export { validateQaSettings } from './validate-qa-settings.js';
export { visibleText } from './visible-text.js';
export { extractNumbers, findNumbers, type NumberMention } from './extract-numbers.js';
export { findUrlsAndEmails, type UrlOrEmail } from './find-urls-emails.js';
export { icuStructureCheck } from './checks/icu-structure.js';
export { numbersCheck } from './checks/numbers.js';
export { urlsEmailsCheck } from './checks/urls-emails.js';
export { untranslatedCheck } from './checks/untranslated.js';
export { scriptCheck } from './checks/script.js';
export { emptyCheck } from './checks/empty.js';
export { lengthRatioCheck, LENGTH_RATIO_RANGES, DEFAULT_LENGTH_RATIO_RANGE, type LengthRange } from './checks/length-ratio.js';
export { whitespaceCheck } from './checks/whitespace.js';
export { zhPunctuationCheck } from './checks/zh-punctuation.js';
