// The rule-based QA checks: the framework, the helpers checks share, and the built-in checks.
export type { CheckInput, Finding, QaCheck, Severity, SeveritySetting } from './qa-types.js';
export { runChecks } from './run-checks.js';
export { validateQaSettings } from './validate-qa-settings.js';
export { visibleText } from './visible-text.js';
export { extractNumbers, findNumbers, type NumberMention } from './extract-numbers.js';
export { findUrlsAndEmails, type UrlOrEmail } from './find-urls-emails.js';
export * from './checks/index.js';
export { LENGTH_RATIO_RANGES, DEFAULT_LENGTH_RATIO_RANGE, type LengthRange } from './checks/length-ratio.js';
