import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { isAccountRefusal, type TranslationEngine } from '../engine/translation-engine.js';
import { glossaryEntriesFor } from '../glossary/glossary-entries.js';
import { writeFilesAtomically } from '../write/index.js';
import { removeFiles } from '../write/remove-files.js';
import { removeStaleTempFiles } from '../write/clean-temp-files.js';
import { assembleBundles } from './assemble-bundles.js';
import { doNotTranslateTerms } from './do-not-translate.js';
import { DurableRecorder } from './durable-recorder.js';
import type { JobReport, LocaleReport } from './job-report.js';
import { changedKeyMapFiles } from './key-map-files.js';
import type { JobPlan } from './plan-job.js';
import { prepareJob } from './prepare-job.js';
import { selectTargets } from './select-targets.js';
import { checkTmFolder } from './tm-folder.js';
import { translateMissing, type TranslationProgress } from './translate-missing.js';
import { asIoError } from '../write/io-error.js';

export interface RunJobOptions {
  config: ResolvedConfig;
  /** The engine of each target locale; undefined: TM only, missing segments are reported. */
  engineFor?: (locale: string) => TranslationEngine | undefined;
  /** Shorthand for `engineFor` when every locale uses the same engine. */
  engine?: TranslationEngine;
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
  /** The clock for TM dates (tests fix it). */
  now?: () => Date;
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
  }));
  const engines = groupByEngine(plan, options.engineFor ?? (() => options.engine));
  const report: JobReport = {
    dryRun: Boolean(options.dryRun),
    engine: engines.length === 0 ? null : engines.map((e) => e.engine.id).join(', '),
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
      locale.missingSegments = p.missing.filter((m) => !tm.lookup(p.locale, m.source)).map(({ source, uses }) => ({ source, uses }));
      locale.missing = locale.missingSegments.length;
    }
  };

  // Cost control: compare what would be billed with what the account has left, before paying.
  for (const { engine, plan: part } of engines) {
    if (!engine.usage) continue;
    let usage;
    try {
      usage = await engine.usage();
    } catch (error) {
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
    if (!options.dryRun && toBill > remaining && !options.force) {
      report.failure = {
        kind: 'engineQuota',
        message: `${engine.id}: this run would bill ${toBill} characters but only ${remaining} remain this period. Nothing was sent; run with --force to send what fits (the run stops when the quota runs out).`,
      };
    }
  }
  if (options.dryRun) {
    reportMissing();
    return report;
  }
  options.onWriting?.();
  // Temp files of an earlier killed run (ours by name, older than ten minutes) go first.
  const folders = [config.rootDir, tm.dir, config.output.dir, ...documents.map((d) => path.dirname(path.join(config.rootDir, d.file)))];
  const cleaned = removeStaleTempFiles(folders, { depth: 0 }).concat(removeStaleTempFiles([config.output.dir], { depth: 3 }));
  if (cleaned.length > 0) (report.notices ??= []).push(`Removed ${cleaned.length} temp file(s) left by an earlier interrupted command: ${cleaned.map((f) => path.relative(config.rootDir, f)).join(', ')}.`);
  if (prepared.tmIsNew) {
    await asIoError(tm.dir, 'create the TM folder', () => mkdir(tm.dir, { recursive: true }));
    (report.notices ??= []).push(`Created the TM folder ${path.relative(config.rootDir, tm.dir) || '.'}: this project had none (no bundles, no ledger).`);
  }

  const doNotTranslate = doNotTranslateTerms(glossary);
  // One recorder for every engine: the first failed TM write stops all their queues.
  const recorder = new DurableRecorder(tm);
  // A run refused before sending (quota, key) still writes what the TM completes.
  const outcomes = report.failure ? [] : await Promise.all(
    engines.map(({ engine, plan: part }) =>
      translateMissing({
        plan: part,
        engine,
        tm,
        queue: { ...config.engine, baseDelayMs: options.baseDelayMs },
        sourceLanguage: config.sourceLocale.toUpperCase(),
        doNotTranslate,
        glossaryEntries: (locale) => glossaryEntriesFor(glossary, locale),
        checkSegment: (segment, locale, target) => qa.segment({ source: segment.source, target, locale, syntax: segment.syntax }),
        recorder,
        signal: options.signal,
        onProgress: options.onProgress,
        now: options.now ?? (() => new Date()),
      }),
    ),
  );
  await recorder.finish(); // a failed TM write ends the run here (exit 9), before any bundle is touched
  for (const outcome of outcomes) {
    for (const [locale, got] of outcome.perLocale) {
      const entry = locales.find((l) => l.locale === locale) as LocaleReport;
      entry.translated = got.translated;
      entry.billedCharacters = got.billedCharacters;
      entry.usefulCharacters = got.usefulCharacters;
      entry.retried = got.retried;
      entry.needsReview = got.needsReview;
    }
    (report.requests ??= []).push(outcome.queue);
    if (outcome.failure && (!report.failure || report.failure.kind === 'engine')) report.failure = outcome.failure;
  }

  reportMissing();

  // A person's edits in the bundles become human TM entries, then the bundles are built again so
  // every key sharing an edited segment follows in this same run.
  let bundles = assembleBundles(config, documents, lookup, targets, qa, previous);
  const stamp = (options.now ?? (() => new Date()))().toISOString();
  let recorded = 0;
  for (const [locale, edits] of bundles.humanEdits) {
    // Only what the person changed: a plural form or sentence left as it was keeps its origin.
    const fresh = edits.flatMap((edit) => {
      const known = tm.lookup(locale, edit.source);
      return known?.target === edit.target ? [] : [{ source: edit.source, target: edit.target, origin: 'human', status: 'translated' as const, created: known?.created ?? stamp, changed: stamp }];
    });
    if (fresh.length === 0) continue;
    await tm.record(locale, fresh);
    recorded += fresh.length;
  }
  if (recorded > 0) bundles = assembleBundles(config, documents, lookup, targets, qa, previous);
  report.humanEdits = recorded;

  // Paid work first: the TM is compacted before any bundle is touched. A TM folder that vanished
  // during the run stops it here, before anything is written (the journal went with it).
  checkTmFolder(config);
  const tmFiles = await tm.save();
  for (const locale of locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
  report.problems = bundles.problems;
  report.findings = bundles.findings;
  const written = await writeFilesAtomically([...bundles.files, ...changedKeyMapFiles(config.rootDir, documents)]);
  const removed = await removeFiles(bundles.obsoleteFiles);
  report.writtenFiles = [...tmFiles, ...written].map((file) => path.relative(config.rootDir, file)).sort();
  report.removedFiles = removed.map((file) => path.relative(config.rootDir, file));
  return report;
}

/** The plan split by engine: one request queue per engine (its rate limit is per account). */
function groupByEngine(plan: JobPlan, engineFor: RunJobOptions['engineFor']): Array<{ engine: TranslationEngine; plan: JobPlan }> {
  const groups = new Map<TranslationEngine, JobPlan>();
  for (const locale of plan.locales) {
    const engine = engineFor?.(locale.locale);
    if (!engine || locale.missing.length === 0) continue;
    const group = groups.get(engine) ?? { locales: [] };
    group.locales.push(locale);
    groups.set(engine, group);
  }
  return [...groups].map(([engine, part]) => ({ engine, plan: part }));
}
