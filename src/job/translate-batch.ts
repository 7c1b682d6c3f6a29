/**
 * The per-batch step every way of running a plan shares (the single process in translate-missing.ts,
 * a queue worker in src/workflows/worker/): protect a segment by a method, build the engine request of
 * a batch, restore and verify the answers (an answer whose pieces did not survive goes again with the
 * next method), and the TM entry of a restored answer. Pure: no queue, no engine call, no TM write.
 */
import type { TranslatedSegment, TranslationRequest } from '../engine/translation-engine.js';
import { protectSegment } from '../protect/index.js';
import type { ProtectedSegment, ProtectionMethod, Syntax } from '../protect/protect-types.js';
import type { TmEntry, TmFinding } from '../tm/tm-entry.js';

/** What the batch step needs of a segment (a plan's MissingSegment, or a queue job's copy of it). */
export interface BatchSegment {
  source: string;
  syntax: Syntax;
  context?: string;
}

/** A segment on its way through the engine: its protection and which method this is. */
export interface InFlight<S extends BatchSegment = BatchSegment> {
  segment: S;
  methods: ProtectionMethod[];
  attempt: number;
  protection: ProtectedSegment;
  /** What went wrong with earlier methods (kept as info findings). */
  earlier: string[];
  wire: readonly string[];
}

/** A restored answer, ready to be recorded. `billed`: the characters of the answers kept. */
export interface Restored<S extends BatchSegment = BatchSegment> {
  item: InFlight<S>;
  text: string;
  problems: string[];
  billed: number;
}

export function inFlight<S extends BatchSegment>(segment: S, methods: ProtectionMethod[], attempt: number, earlier: string[], doNotTranslate: readonly string[]): InFlight<S> {
  const protection = protectSegment(segment.source, segment.syntax, methods[attempt] as ProtectionMethod, { doNotTranslate });
  return { segment, methods, attempt, protection, earlier, wire: protection.wire };
}

/** The engine request of one batch (every item of one wire format). */
export function batchRequest(batch: readonly InFlight[], target: { sourceLanguage: string; engineLanguage: string; locale: string; format: 'text' | 'xml'; glossaryId?: string | undefined }): TranslationRequest {
  return {
    sourceLanguage: target.sourceLanguage,
    targetLanguage: target.engineLanguage,
    targetLocale: target.locale,
    segments: batch.flatMap((item) => item.wire.map((text) => (item.segment.context ? { text, context: item.segment.context } : { text }))),
    ...(target.format === 'xml' ? { format: target.format } : {}),
    ...(target.glossaryId ? { glossaryId: target.glossaryId } : {}),
  };
}

/**
 * Each item's answers (in request order, `item.wire.length` each) restored and verified: an item
 * whose pieces did not come back goes to `retries` with the next method while there is one;
 * otherwise it is `done`, with its problems (a needs-review entry when some remain).
 */
export function restoreAnswers<S extends BatchSegment>(batch: readonly InFlight<S>[], results: readonly TranslatedSegment[], doNotTranslate: readonly string[]): { done: Restored<S>[]; retries: InFlight<S>[] } {
  const done: Restored<S>[] = [];
  const retries: InFlight<S>[] = [];
  let at = 0;
  for (const item of batch) {
    const answers = results.slice(at, at + item.wire.length);
    at += item.wire.length;
    const restored = item.protection.restore(answers.map((r) => r.text));
    const next = item.methods[item.attempt + 1];
    if (restored.problems.length > 0 && next) {
      const why = `${item.methods[item.attempt]}: ${restored.problems.join('; ')}; retried with ${next}`;
      retries.push(inFlight(item.segment, item.methods, item.attempt + 1, [...item.earlier, why], doNotTranslate));
    } else {
      done.push({ item, text: restored.text, problems: restored.problems, billed: billedOf(answers) });
    }
  }
  return { done, retries };
}

export function billedOf(results: readonly TranslatedSegment[]): number {
  return results.reduce((n, r) => n + r.billedCharacters, 0);
}

/** The TM entry of a restored answer: protection findings, then the full QA when it restored cleanly. */
export function answerEntry(answer: { source: string; text: string; problems: readonly string[]; earlier: readonly string[]; methods: readonly ProtectionMethod[] }, engineId: string, stamp: string, check: (target: string) => TmFinding[]): TmEntry {
  const findings: TmFinding[] = [
    ...answer.earlier.map((message) => ({ check: 'placeholders', severity: 'info' as const, message })),
    ...answer.problems.map((message) => ({ check: 'placeholders', severity: 'error' as const, message: `${message} (after ${answer.methods.join(' and ')})` })),
  ];
  // The full QA runs on a restored target; a broken one already has its error.
  if (answer.problems.length === 0) findings.push(...check(answer.text));
  return {
    source: answer.source,
    target: answer.text,
    origin: `engine:${engineId}`,
    status: findings.some((f) => f.severity === 'error') ? 'needs-review' : 'machine',
    created: stamp,
    changed: stamp,
    ...(findings.length > 0 ? { findings } : {}),
  };
}
