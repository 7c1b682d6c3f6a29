import type { Glossary } from '../glossary/glossary-types.js';
import type { Syntax } from '../protect/protect-types.js';

export type Severity = 'error' | 'warn' | 'info';
/** A check's configured severity; `off` disables it. */
export type SeveritySetting = Severity | 'off';

/** One thing a check found on a source/target pair of one locale. */
export interface Finding {
  /** The check's id, e.g. `placeholders`. */
  check: string;
  severity: Severity;
  message: string;
}

/** What every check sees: one source text and its translation into one locale. */
export interface CheckInput {
  source: string;
  target: string;
  sourceLocale: string;
  /** Target locale (`en`, `kk`, `zh`, or a pseudo-locale). */
  locale: string;
  syntax: Syntax;
  /** The project glossary (empty when there is none). */
  glossary: Glossary;
}

/**
 * A rule-based QA check: a pure function from a pair to messages. The framework stamps each message
 * with the check's id and configured severity. A check returns [] when it does not apply.
 */
export interface QaCheck {
  id: string;
  defaultSeverity: Severity;
  /** One line for `--help`-style listings and the README. */
  description: string;
  run(input: CheckInput): string[];
}
