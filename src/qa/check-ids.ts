/**
 * The ids of the built-in checks, in registry order, without the checks themselves: the config is
 * validated against them without loading QA (a no-change run never checks anything).
 * `tests/qa-checks.test.ts` keeps this list equal to `BUILT_IN_CHECKS` in checks/index.ts.
 */
export const BUILT_IN_CHECK_IDS: readonly string[] = ['empty', 'placeholders', 'placeholder-spacing', 'icu-structure', 'urls-emails', 'numbers', 'glossary', 'untranslated', 'script', 'length-ratio', 'whitespace', 'zh-punctuation'];
