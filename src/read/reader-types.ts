/**
 * The types every reader shares: the rules a config gives, and the trace `--explain` prints.
 * Kept apart from `read-document.ts`, so the readers and the orchestrator import one way.
 */

/**
 * A line rule: a pattern tested against each trimmed source line (for Markdown also against the
 * line without markup).
 */
export interface BoilerplateRule {
  /** Named in messages and in `tilmash segment --explain`, e.g. `nav-breadcrumbs`. */
  id: string;
  /**
   * Tested against each trimmed source line: a RegExp, or a predicate for rules a pattern cannot say
   * well (the dateline rule weighs what is left of a line once its dates and times are taken out).
   */
  pattern: RegExp | ((line: string) => boolean);
  /**
   * 'line' drops a matching line; 'rest' drops it and everything after it (a page footer);
   * 'strip' removes only the matched part (a widget's words glued to a caption) and keeps the rest.
   * A 'counter' (a comment or view count) drops the matching line or the part of it that matches,
   * and marks the block before it as a teaser card; a 'read-more' link does so only when that block
   * sits under a headline (a card); a 'related' line (`Другие новости рубрики`) drops the line and
   * the teaser cards after it. See `classifyPage`.
   */
  scope?: 'line' | 'rest' | 'strip' | 'counter' | 'read-more' | 'related';
  /** Why a publication would not translate it: shown by `--explain`. */
  reason?: string;
}

export interface ReaderOptions {
  /** Line rules, applied before blocks are formed. */
  boilerplate: readonly BoilerplateRule[];
  /** A block (plain text: a line) matching one of these is a `caption`. */
  captionPatterns: readonly RegExp[];
}

export type SourceFormat = 'txt' | 'md';

/** One decision of the reader that changed the text: what `tilmash segment --explain` lists. */
export interface ReaderDecision {
  /** 1-based line of the source file. */
  line: number;
  /** `dropped` (not translated), `stripped` (part of the line removed), `merged` (joined to the line before). */
  action: 'dropped' | 'stripped' | 'merged';
  /** The rule id, like a linter's: a line rule's id, or a page rule (`repeated`, `before-headline`, …). */
  rule: string;
  /** Why, in words. */
  reason: string;
  /** The line's text (for `stripped`, the part removed). */
  text: string;
}
