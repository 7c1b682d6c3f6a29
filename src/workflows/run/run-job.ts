import { checkEngineLanguages } from '../../job/check-engine-languages.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../../config/resolved-config.js';
import { isAccountRefusal, type TranslationEngine } from '../../engine/translation-engine.js';
import { glossaryEntriesFor } from '../../glossary/glossary-entries.js';
import { assembleSteps, type BundleSet } from '../../job/assemble-bundles.js';
import { derivedFromOf, recordDerivations } from '../../job/derive-locales.js';
import { doNotTranslateTerms } from '../../job/do-not-translate.js';
import { DurableRecorder } from '../../job/durable-recorder.js';
import { engineRate } from '../../job/engine-rate.js';
import { asIoError } from '../../write/io-error.js';
import type { JobReport, LocaleReport } from '../../job/job-report.js';
import type { JobPlan, TmLookup } from '../../job/plan-job.js';
import { recordSteadyState } from '../../job/run-manifest.js';
import { Interrupted, runYielding } from '../../job/yielding.js';
import { engineChainsOf, noChangeRun, removeRunTempFiles } from './no-change-run.js';
import { prepareJob, type PreparedJob } from '../../job/prepare-job.js';
import { selectTargets } from '../../job/select-targets.js';
import type { QueueEvent } from '../../queue/request-queue.js';
import { settleBundles, settleSteps } from '../../job/settle-bundles.js';
import { translateMissing, type TranslateMissingOptions, type TranslateOutcome, type TranslationProgress } from '../../job/translate-missing.js';
import { writeOutputs } from '../../job/write-outputs.js';
import { routeEngines, standingFailure } from '../../job/route-engines.js';
import { estimateTokens, tokenSnapshot, tokensUsed } from '../../job/token-report.js';
import type { RunJobOptions } from './run-options.js';

export type { RunJobOptions } from './run-options.js';

/**
 * The batch job: read and segment sources, look segments up in the TM, translate what is missing,
 * record every translation in the TM as it arrives, then write bundles and key maps.
 * Engine failures do not lose work: the TM and the complete bundles are still written, and the
 * report carries the failure for the CLI's exit code. When the run manifest proves nothing changed
 * since the last steady run, the recorded report is returned without reading anything else (no-change-run.ts).
 */
export async function runJob(options: RunJobOptions): Promise<JobReport> {
  const targets = selectTargets(options.config.targets, options.locales);
  const steady = options.noChangeChecked ? undefined : await noChangeRun(options);
  if (steady) return steady;
  const prepared = await prepareJob(options.config, targets, { incremental: true });
  try {
    return await runPrepared(options, targets, prepared);
  } finally {
    await prepared.tm.close(); // the shared TM releases this run's leases
  }
}

async function runPrepared(options: RunJobOptions, targets: ReturnType<typeof selectTargets>, prepared: Awaited<ReturnType<typeof prepareJob>>): Promise<JobReport> {
  const { config } = options;
  const chainFor = engineChainsOf(options, targets);
  const plan = prepared.plan();
  options.onPlan?.(plan);
  const report = startReport(plan, targets, chainFor, Boolean(options.dryRun));
  const skipped = await checkAccounts(report, plan, chainFor, options);
  const extras = { doNotTranslate: doNotTranslateTerms(prepared.glossary), glossaryEntries: (locale: string) => glossaryEntriesFor(prepared.glossary, locale) };
  if (options.dryRun) return dryRunReport(config, report, plan, prepared, targets, chainFor, extras);

  options.onWriting?.();
  await cleanUpAndCreate(report, config, prepared);
  await translateStep(report, plan, prepared, { chainFor, skipped, ...extras }, options);
  reportMissing(report, plan, prepared.lookup);
  const settleSignal = options.signal?.aborted ? undefined : options.signal; // stopped while sending: the bundles are still written
  let bundles: BundleSet;
  try {
    bundles = await settleStep(report, prepared, targets, options, settleSignal);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    // Stopped at once: what this run received is in the TM journal (fsynced as it arrived), folded in
    // by the next run, which writes the bundles; a save here would rewrite the whole TM first.
    report.failure = { kind: 'interrupted', message: 'Interrupted while assembling the bundles: everything received is in the TM journal; no bundle was written. The next run folds the journal in and writes the bundles.' };
    return report;
  }
  for (const locale of report.locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
  report.problems = bundles.problems;
  report.findings = bundles.findings;
  Object.assign(report, await writeOutputs(config, prepared.tm, prepared.documents, bundles));
  if (prepared.reuse) report.incremental = prepared.reuse.report(prepared.documents);
  await prepared.cache?.save(prepared.documents.map((d) => d.file)); // after the bundles: the cache never runs ahead of them
  if (!options.locales) await recordSteadyState(config, prepared.documents, report);
  return report;
}

type Extras = { doNotTranslate: ReturnType<typeof doNotTranslateTerms>; glossaryEntries: (locale: string) => ReturnType<typeof glossaryEntriesFor> };
type Chains = (locale: string) => readonly TranslationEngine[];

/** The report before anything is sent: per locale what the plan found, and the engines that will be used. */
function startReport(plan: JobPlan, targets: readonly ResolvedTarget[], chainFor: Chains, dryRun: boolean): JobReport {
  const locales: LocaleReport[] = plan.locales.map((p) => ({
    locale: p.locale,
    segments: p.segments,
    fromTm: p.fromTm,
    translated: 0,
    retried: 0,
    needsReview: 0,
    missing: p.missing.length,
    billedCharacters: dryRun ? p.billedCharacters : 0,
    missingSegments: [],
    incompleteKeys: [],
    ...derivedFromOf(targets, p.locale),
  }));
  const allEngines = usedEngines(plan, chainFor);
  return { dryRun, engine: allEngines.length === 0 ? null : allEngines.map((e) => e.id).join(', '), locales, writtenFiles: [], removedFiles: [], humanEdits: 0, problems: [], findings: [] };
}

const usedEngines = (plan: JobPlan, chainFor: Chains): TranslationEngine[] => [...new Set(plan.locales.filter((l) => l.missing.length > 0).flatMap((l) => chainFor(l.locale)))];

/** What the TM still lacks per locale, with its source text, for the report (re-read after translating). */
function reportMissing(report: JobReport, plan: JobPlan, lookup: TmLookup): void {
  for (const [i, p] of plan.locales.entries()) {
    const locale = report.locales[i] as LocaleReport;
    locale.missingSegments = p.missing.filter((m) => !lookup(p.locale, m.source)).map(({ source, uses }) => ({ source, uses }));
    locale.missing = locale.missingSegments.length;
  }
}

/**
 * Cost control: what would be billed against what each account has left, before paying; a refused
 * key or an unreachable engine ends the run before anything is sent. An engine whose every locale
 * has a next engine hands them over instead (returned: the engines skipped, with the reason).
 */
async function checkAccounts(report: JobReport, plan: JobPlan, chainFor: Chains, options: RunJobOptions): Promise<Map<TranslationEngine, string>> {
  const engines = groupByEngine(plan, (locale) => chainFor(locale)[0]);
  // Each engine's account clock before its first request: language lists and usage count in its window too.
  for (const { engine } of engines) engineRate(engine, { ...options.config.engine, ...engine.queueSettings });
  for (const { engine, plan: part } of engines) await checkEngineLanguages(engine, part); // 'KZ' is refused before billing
  const skipped = new Map<TranslationEngine, string>();
  const handsOver = (part: JobPlan) => part.locales.every((l) => chainFor(l.locale).length > 1);
  for (const { engine, plan: part } of engines) {
    if (!engine.usage) continue;
    let usage;
    try {
      usage = await engine.usage();
    } catch (error) {
      const message = `${engine.id}: ${error instanceof Error ? error.message : String(error)}`;
      if (handsOver(part)) {
        skipped.set(engine, message);
        continue;
      }
      report.failure = { kind: isAccountRefusal(error) ? 'engineQuota' : 'engine', message };
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
  return skipped;
}

/** A dry run (`status`, `run --dry-run`): token estimates, and what `run` and `check` would report from the TM as it is. */
function dryRunReport(config: ResolvedConfig, report: JobReport, plan: JobPlan, prepared: PreparedJob, targets: readonly ResolvedTarget[], chainFor: Chains, extras: Extras): JobReport {
  const tokens = estimateTokens(plan, chainFor, { sourceLanguage: config.sourceLocale.toUpperCase(), batchSize: config.engine.batchSize, ...extras });
  if (tokens.length > 0) report.tokens = tokens;
  reportMissing(report, plan, prepared.lookup);
  const { bundles } = settleBundles(config, prepared, targets, prepared.previous, new Date(0).toISOString());
  for (const locale of report.locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
  report.problems = bundles.problems;
  report.findings = bundles.findings;
  if (prepared.reuse) report.incremental = prepared.reuse.report(prepared.documents);
  return report;
}

/** Sends what the TM lacks, engine by engine and pass by pass, recording every answer; adds up what each pass did. */
async function translateStep(report: JobReport, plan: JobPlan, prepared: PreparedJob, engines: Extras & { chainFor: Chains; skipped: Map<TranslationEngine, string> }, options: RunJobOptions): Promise<void> {
  const { config } = options;
  const { tm, qa } = prepared;
  // One recorder for every engine: the first failed TM write stops all their queues.
  const recorder = new DurableRecorder(tm);
  const allEngines = usedEngines(plan, engines.chainFor);
  const tokensBefore = tokenSnapshot(allEngines);
  // A run refused before sending (quota, key) still writes what the TM completes.
  const routed = report.failure ? { outcomes: [], fallbacks: [] } : await routeEngines({
    plan,
    chainFor: engines.chainFor,
    skipped: engines.skipped,
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
        doNotTranslate: engines.doNotTranslate,
        glossaryEntries: engines.glossaryEntries,
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
      const entry = report.locales.find((l) => l.locale === locale) as LocaleReport;
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
}

/**
 * What the bundles hold, in slices a signal can stop (`Interrupted`): a person's edits in the
 * bundles become human TM entries (the bundles already follow them), then derived locales follow
 * their parents' TM entries, edits included.
 */
async function settleStep(report: JobReport, prepared: PreparedJob, targets: readonly ResolvedTarget[], options: RunJobOptions, signal: AbortSignal | undefined): Promise<BundleSet> {
  const { config } = options;
  const { tm, documents, qa, lookup, previous } = prepared;
  const settled = await runYielding(settleSteps(config, prepared, targets, previous, (options.now ?? (() => new Date()))().toISOString()), signal);
  let recorded = 0;
  for (const [locale, entries] of settled.humanEntries) {
    await tm.record(locale, entries);
    recorded += entries.length;
  }
  report.humanEdits = recorded;
  // With the edits in the TM, derived locales (read through their parents) follow them too.
  const bundles = recorded > 0 ? await runYielding(assembleSteps(config, documents, lookup, targets, qa, previous, prepared.reuse), signal) : settled.bundles;
  // Derived locales (kk-Latn, zh-Hant) follow their parents' TM entries, edits included: no engine.
  for (const [locale, n] of await recordDerivations(tm, lookup, documents, targets, config.sourceLocale)) (report.locales.find((l) => l.locale === locale) as LocaleReport).derived = n;
  return bundles;
}

/** Temp files of an earlier killed run (ours by name, older than ten minutes) go first; a project that never had a TM gets its folder. */
async function cleanUpAndCreate(report: JobReport, config: ResolvedConfig, prepared: PreparedJob): Promise<void> {
  const { tm, documents } = prepared;
  removeRunTempFiles(report, config, documents.map((d) => path.dirname(path.join(config.rootDir, d.file))));
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
