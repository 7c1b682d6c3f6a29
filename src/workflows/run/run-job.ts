import { checkEngineLanguages } from '../../job/check-engine-languages.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { isAccountRefusal, type TranslationEngine } from '../../engine/translation-engine.js';
import { glossaryEntriesFor } from '../../glossary/glossary-entries.js';
import { assembleBundles } from '../../job/assemble-bundles.js';
import { derivedFromOf, recordDerivations } from '../../job/derive-locales.js';
import { doNotTranslateTerms } from '../../job/do-not-translate.js';
import { DurableRecorder } from '../../job/durable-recorder.js';
import { removeStaleTempFiles } from '../../write/clean-temp-files.js';
import { asIoError } from '../../write/io-error.js';
import type { JobReport, LocaleReport } from '../../job/job-report.js';
import type { JobPlan } from '../../job/plan-job.js';
import { prepareJob } from '../../job/prepare-job.js';
import { selectTargets } from '../../job/select-targets.js';
import type { QueueEvent } from '../../queue/request-queue.js';
import { settleBundles } from '../../job/settle-bundles.js';
import { translateMissing, type TranslateMissingOptions, type TranslateOutcome, type TranslationProgress } from '../../job/translate-missing.js';
import { writeOutputs } from '../../job/write-outputs.js';
import { routeEngines, standingFailure } from '../../job/route-engines.js';
import { estimateTokens, tokenSnapshot, tokensUsed } from '../../job/token-report.js';

export interface RunJobOptions {
  config: ResolvedConfig;
  /** The engine of each target locale; undefined: TM only, missing segments are reported. */
  engineFor?: (locale: string) => TranslationEngine | undefined;
  /** Shorthand for `engineFor` when every locale uses the same engine. */
  engine?: TranslationEngine;
  /** The engines of each target locale in fallback order (overrides `engineFor`). */
  enginesFor?: (locale: string) => readonly TranslationEngine[];
  /** Start even when the plan bills more characters than the engine's remaining quota. */
  force?: boolean;
  /** Queue timing for tests (shorter backoff). */
  baseDelayMs?: number;
  /** Only these target locales (default: all of the config). */
  locales?: string[];
  /** Plan and report; write nothing, call no engine. */
  dryRun?: boolean;
  /** Aborting stops dispatching; what was received is kept and written. */
  signal?: AbortSignal;
  /** Called once when the run starts writing or sending (after reading and planning, which write nothing). */
  onWriting?: () => void;
  onPlan?: (plan: JobPlan) => void;
  onProgress?: (progress: TranslationProgress) => void;
  /** What each engine's request queue is doing (sends, back-offs, rate-cap waits). */
  onQueueEvent?: (event: QueueEvent & { engine: string }) => void;
  /** The clock for TM dates (tests fix it). */
  now?: () => Date;
  /**
   * Another way to run the same plan's engine passes (default `translateMissing`, in this process):
   * `run --queue` passes the queue's, where workers translate and this run records (src/workflows/worker/).
   */
  translate?: (options: TranslateMissingOptions) => Promise<TranslateOutcome>;
}

/**
 * The batch job: read and segment sources, look segments up in the TM, translate what is missing,
 * record every translation in the TM as it arrives, then write bundles and key maps.
 * Engine failures do not lose work: the TM and the complete bundles are still written, and the
 * report carries the failure for the CLI's exit code.
 */
export async function runJob(options: RunJobOptions): Promise<JobReport> {
  const { config } = options;
  const targets = selectTargets(config.targets, options.locales);
  const prepared = await prepareJob(config, targets);
  const { tm, documents, glossary, qa, lookup, previous } = prepared;
  const plan = prepared.plan();
  options.onPlan?.(plan);

  const locales: LocaleReport[] = plan.locales.map((p) => ({
    locale: p.locale,
    segments: p.segments,
    fromTm: p.fromTm,
    translated: 0,
    retried: 0,
    needsReview: 0,
    missing: p.missing.length,
    billedCharacters: options.dryRun ? p.billedCharacters : 0,
    missingSegments: [],
    incompleteKeys: [],
    ...derivedFromOf(targets, p.locale),
  }));
  const chainOf = engineChains(options);
  const chainFor = (locale: string): readonly TranslationEngine[] => (targets.find((t) => t.locale === locale)?.derived ? [] : chainOf(locale)); // derived locales: none
  const engines = groupByEngine(plan, (locale) => chainFor(locale)[0]);
  const allEngines = [...new Set(plan.locales.filter((l) => l.missing.length > 0).flatMap((l) => chainFor(l.locale)))];
  const report: JobReport = {
    dryRun: Boolean(options.dryRun),
    engine: allEngines.length === 0 ? null : allEngines.map((e) => e.id).join(', '),
    locales,
    writtenFiles: [],
    removedFiles: [],
    humanEdits: 0,
    problems: [],
    findings: [],
  };
  // What the TM still lacks per locale, with its source text, for the report (re-read after translating).
  const reportMissing = () => {
    for (const [i, p] of plan.locales.entries()) {
      const locale = locales[i] as LocaleReport;
      locale.missingSegments = p.missing.filter((m) => !lookup(p.locale, m.source)).map(({ source, uses }) => ({ source, uses }));
      locale.missing = locale.missingSegments.length;
    }
  };

  // Cost control: compare what would be billed with what the account has left, before paying.
  for (const { engine, plan: part } of engines) await checkEngineLanguages(engine, part); // 'KZ' is refused before billing
  // An engine whose every locale has a next engine hands them over instead of ending the run.
  const skipped = new Map<TranslationEngine, string>();
  const handsOver = (part: JobPlan) => part.locales.every((l) => chainFor(l.locale).length > 1);
  for (const { engine, plan: part } of engines) {
    if (!engine.usage) continue;
    let usage;
    try {
      usage = await engine.usage();
    } catch (error) {
      if (handsOver(part)) {
        skipped.set(engine, `${engine.id}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      // A refused key or an unreachable engine ends the run before anything is sent.
      report.failure = {
        kind: isAccountRefusal(error) ? 'engineQuota' : 'engine',
        message: `${engine.id}: ${error instanceof Error ? error.message : String(error)}`,
      };
      break;
    }
    const toBill = part.locales.reduce((n, l) => n + l.billedCharacters, 0);
    const remaining = Math.max(0, usage.characterLimit - usage.characterCount);
    (report.usage ??= []).push({ engine: engine.id, ...usage, remaining, toBill });
    // With a fallback, the engine sends until its quota runs out and the next engine takes the rest.
    if (!options.dryRun && toBill > remaining && !options.force && !handsOver(part)) {
      report.failure = {
        kind: 'engineQuota',
        message: `${engine.id}: this run would bill ${toBill} characters but only ${remaining} remain this period. Nothing was sent; run with --force to send what fits (the run stops when the quota runs out).`,
      };
    }
  }
  const doNotTranslate = doNotTranslateTerms(glossary);
  const glossaryEntries = (locale: string) => glossaryEntriesFor(glossary, locale);
  if (options.dryRun) {
    const tokens = estimateTokens(plan, chainFor, { sourceLanguage: config.sourceLocale.toUpperCase(), batchSize: config.engine.batchSize, doNotTranslate, glossaryEntries });
    if (tokens.length > 0) report.tokens = tokens;
    reportMissing();
    // What `run` and `check` would report from the TM as it is: QA errors and keys held back.
    const { bundles } = settleBundles(config, prepared, targets, previous, new Date(0).toISOString());
    for (const locale of locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
    report.problems = bundles.problems;
    report.findings = bundles.findings;
    return report;
  }

  options.onWriting?.();
  await cleanUpAndCreate(report, config, prepared);
  // One recorder for every engine: the first failed TM write stops all their queues.
  const recorder = new DurableRecorder(tm);
  const tokensBefore = tokenSnapshot(allEngines);
  // A run refused before sending (quota, key) still writes what the TM completes.
  const routed = report.failure ? { outcomes: [], fallbacks: [] } : await routeEngines({
    plan,
    chainFor,
    skipped,
    lookup: (locale, source) => tm.lookup(locale, source),
    fallbackOnQa: config.engine.fallbackOnQa,
    signal: options.signal,
    translate: (engine, part) =>
      (options.translate ?? translateMissing)({
        plan: part,
        engine,
        tm,
        queue: { ...config.engine, ...engine.queueSettings, baseDelayMs: options.baseDelayMs },
        sourceLanguage: config.sourceLocale.toUpperCase(),
        doNotTranslate,
        glossaryEntries,
        checkSegment: (segment, locale, target) => qa.segment({ source: segment.source, target, locale, syntax: segment.syntax }),
        recorder,
        signal: options.signal,
        onProgress: options.onProgress,
        onQueueEvent: options.onQueueEvent,
        now: options.now ?? (() => new Date()),
      }),
  });
  await recorder.finish(); // a failed TM write ends the run here (exit 9), before any bundle is touched
  for (const outcome of routed.outcomes) {
    // A locale served by several engines (fallback) adds up their passes.
    for (const [locale, got] of outcome.perLocale) {
      const entry = locales.find((l) => l.locale === locale) as LocaleReport;
      entry.translated += got.translated;
      entry.billedCharacters += got.billedCharacters;
      entry.usefulCharacters = (entry.usefulCharacters ?? 0) + got.usefulCharacters;
      entry.retried += got.retried;
      entry.needsReview += got.needsReview;
    }
    (report.requests ??= []).push(outcome.queue);
  }
  report.failure = standingFailure(routed.outcomes, report.failure);
  if (routed.fallbacks.length > 0) report.fallbacks = routed.fallbacks;
  const tokens = tokensUsed(tokensBefore);
  if (tokens.length > 0) report.tokens = tokens;

  reportMissing();

  // A person's edits in the bundles become human TM entries; the bundles already follow them.
  const settled = settleBundles(config, prepared, targets, previous, (options.now ?? (() => new Date()))().toISOString());
  let recorded = 0;
  for (const [locale, entries] of settled.humanEntries) {
    await tm.record(locale, entries);
    recorded += entries.length;
  }
  report.humanEdits = recorded;
  // With the edits in the TM, derived locales (read through their parents) follow them too.
  const bundles = recorded > 0 ? assembleBundles(config, documents, lookup, targets, qa, previous) : settled.bundles;
  // Derived locales (kk-Latn, zh-Hant) follow their parents' TM entries, edits included: no engine.
  for (const [locale, n] of await recordDerivations(tm, lookup, documents, targets, config.sourceLocale)) (locales.find((l) => l.locale === locale) as LocaleReport).derived = n;

  for (const locale of locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
  report.problems = bundles.problems;
  report.findings = bundles.findings;
  Object.assign(report, await writeOutputs(config, tm, documents, bundles));
  return report;
}

/** Each locale's engines in fallback order, from whichever option the caller gave. */
function engineChains(options: RunJobOptions): (locale: string) => readonly TranslationEngine[] {
  if (options.enginesFor) return options.enginesFor;
  const single = options.engineFor ?? (() => options.engine);
  return (locale) => {
    const engine = single(locale);
    return engine ? [engine] : [];
  };
}

/** Temp files of an earlier killed run (ours by name, older than ten minutes) go first; a project that never had a TM gets its folder. */
async function cleanUpAndCreate(report: JobReport, config: ResolvedConfig, prepared: Awaited<ReturnType<typeof prepareJob>>): Promise<void> {
  const { tm, documents } = prepared;
  const folders = [config.rootDir, tm.dir, config.output.dir, ...documents.map((d) => path.dirname(path.join(config.rootDir, d.file)))];
  const cleaned = removeStaleTempFiles(folders, { depth: 0 }).concat(removeStaleTempFiles([config.output.dir], { depth: 3 }));
  if (cleaned.length > 0) (report.notices ??= []).push(`Removed ${cleaned.length} temp file(s) left by an earlier interrupted command: ${cleaned.map((f) => path.relative(config.rootDir, f)).join(', ')}.`);
  if (prepared.tmIsNew) {
    await asIoError(tm.dir, 'create the TM folder', () => mkdir(tm.dir, { recursive: true }));
    (report.notices ??= []).push(`Created the TM folder ${path.relative(config.rootDir, tm.dir) || '.'}: this project had none (no bundles, no ledger).`);
  }
}

/** The plan split by engine: one request queue per engine (its rate limit is per account). */
function groupByEngine(plan: JobPlan, engineFor: RunJobOptions['engineFor']): Array<{ engine: TranslationEngine; plan: JobPlan }> {
  const groups = new Map<TranslationEngine, JobPlan>();
  for (const locale of plan.locales) {
    // Only a locale with something to send asks for its engine (a run with nothing new needs none).
    if (locale.missing.length === 0) continue;
    const engine = engineFor?.(locale.locale);
    if (!engine) continue;
    const group = groups.get(engine) ?? { locales: [] };
    group.locales.push(locale);
    groups.set(engine, group);
  }
  return [...groups].map(([engine, part]) => ({ engine, plan: part }));
}
