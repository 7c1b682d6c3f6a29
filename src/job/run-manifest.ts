import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { ledgerPath } from '../ledger/ledger-file.js';
import { writeFilesAtomically } from '../write/index.js';
import type { KeyFinding } from './assemble-bundles.js';
import { hashFile, inputFingerprint } from './input-fingerprint.js';
import type { JobReport, LocaleReport } from './job-report.js';
import type { SourceDocument } from './source-document.js';
import { tmStoreUrl } from './tm-store-url.js';

/**
 * The run manifest (`.tilmash-cache/run-manifest.json`, safe to delete): the content hashes of
 * every input of the last steady run (tool version and config, sources, key maps, TM files,
 * glossary) and of every file it wrote or read back (bundles, ledgers), with what a run over them
 * reports. When all of them hash the same now, the result is known without reading, segmenting,
 * looking up or assembling anything (`run`, `status` and `check` take it; see readSteadyState).
 * Invariant: the manifest is written only after a run that changed nothing it did not also write
 * (nothing translated, derived or taken from a person's edit), so its outputs are exactly what a
 * run over its inputs writes; anything else that differs (a byte of a source, a TM line, a journal
 * waiting, a person's bundle edit, a deleted bundle, a new version) sends the command down the full path.
 */
export interface SteadyState {
  locales: Array<Pick<LocaleReport, 'locale' | 'segments' | 'fromTm' | 'missing' | 'missingSegments' | 'incompleteKeys' | 'derivedFrom' | 'derived'>>;
  problems: JobReport['problems'];
  findings: KeyFinding[];
}

interface RunManifest {
  format: 1;
  settings: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  state: SteadyState;
}

const FORMAT = 1;

export function manifestPath(config: ResolvedConfig): string {
  return path.join(config.rootDir, '.tilmash-cache', 'run-manifest.json');
}

/** The steady state the manifest records, when every input and output still hashes as recorded. */
export async function readSteadyState(config: ResolvedConfig): Promise<SteadyState | undefined> {
  if (tmStoreUrl(config) !== undefined) return undefined; // a shared TM changes without any file here changing
  const manifest = readManifest(config);
  if (!manifest) return undefined;
  const now = await inputFingerprint(config, manifest.inputs); // stops at the first file that changed
  if (!now || now.settings !== manifest.settings || !sameRecord(now.files, manifest.inputs)) return undefined;
  for (const [file, hash] of Object.entries(manifest.outputs)) if (hashFile(path.join(config.rootDir, file)) !== hash) return undefined;
  return manifest.state;
}

function readManifest(config: ResolvedConfig): RunManifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(manifestPath(config), 'utf8')) as RunManifest;
    const valid = parsed?.format === FORMAT && typeof parsed.settings === 'string' && isRecord(parsed.inputs) && isRecord(parsed.outputs) && Array.isArray(parsed.state?.locales) && Array.isArray(parsed.state.findings) && Array.isArray(parsed.state.problems);
    return valid ? parsed : undefined; // a damaged or foreign manifest is no manifest: the full path runs
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, string> => typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Whether a finished run left the project steady: nothing new came in that the next run would report differently. */
export function isSteadyRun(report: JobReport): boolean {
  return !report.failure && !report.fallbacks && report.humanEdits === 0 && report.locales.every((l) => l.translated === 0 && (l.derived ?? 0) === 0);
}

/** Records the steady state after a run's writes; a run that is not steady removes the manifest. A cache write that fails is not an error. */
export async function recordSteadyState(config: ResolvedConfig, documents: readonly SourceDocument[], report: JobReport): Promise<void> {
  if (tmStoreUrl(config) !== undefined) return;
  const file = manifestPath(config);
  try {
    const inputs = isSteadyRun(report) ? await inputFingerprint(config) : undefined;
    if (!inputs) {
      forgetManifest(file);
      return;
    }
    const outputs: Record<string, string> = {};
    for (const output of outputFiles(config, documents)) outputs[path.relative(config.rootDir, output).split(path.sep).join('/')] = hashFile(output);
    const state: SteadyState = { locales: report.locales.map(steadyLocale), problems: report.problems, findings: report.findings };
    const manifest: RunManifest = { format: FORMAT, settings: inputs.settings, inputs: inputs.files, outputs, state };
    mkdirSync(path.dirname(file), { recursive: true });
    await writeFilesAtomically([{ path: file, content: `${JSON.stringify(manifest)}\n` }]);
  } catch {
    forgetManifest(file); // without a manifest the next run takes the full path
  }
}

/** Removes the manifest; where `.tilmash-cache` is not a folder (a file in its place) there is none to remove. */
function forgetManifest(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
  }
}

function steadyLocale(l: LocaleReport): SteadyState['locales'][number] {
  const { locale, segments, fromTm, missing, missingSegments, incompleteKeys, derivedFrom, derived } = l;
  return { locale, segments, fromTm, missing, missingSegments, incompleteKeys, ...(derivedFrom ? { derivedFrom } : {}), ...(derived !== undefined ? { derived } : {}) };
}

/** Every file a run writes or reads back as a bundle: i18next files per locale and namespace, ICU files, ledgers. */
function outputFiles(config: ResolvedConfig, documents: readonly SourceDocument[]): string[] {
  const { dir } = config.output;
  const locales = [...config.targets.map((t) => t.locale), ...(config.output.writeSourceLocale ? [config.sourceLocale] : [])];
  const files = new Set<string>();
  for (const locale of locales) {
    files.add(path.join(dir, 'icu', `${locale}.json`));
    files.add(ledgerPath(dir, locale));
    for (const document of documents) if (document.format !== 'icu') files.add(path.join(dir, locale, `${document.namespace}.json`));
  }
  return [...files].sort();
}
