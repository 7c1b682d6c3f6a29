import path from 'node:path';
import { TilmashError } from '../errors.js';
import { isPseudoLocale } from '../engine/pseudo-engine.js';
import { BUILT_IN_CHECK_IDS } from '../qa/check-ids.js';
import { validateQaSettings } from '../qa/validate-qa-settings.js';
import { DEFAULT_FUZZY_THRESHOLD } from '../tm/fuzzy-match.js';
import { isPostgresUrl, redactUrl } from '../tm/postgres/pg-url.js';
import type { ResolvedConfig, ResolvedTarget } from './resolved-config.js';
import { resolveReaderRules } from './resolve-reader-rules.js';
import { checkDerivedTargets, derivedTargetOf } from './resolve-derived-target.js';
import { ENGINE_NAMES, LLM_CONFIG_OPTIONS, resolveEngineChain, resolveLlmConfig } from './resolve-engine-config.js';

/** Built-in engine codes of the locales Tilmash knows. */
const KNOWN_ENGINE_LANGUAGES: Record<string, string> = { en: 'EN-US', kk: 'KK', zh: 'ZH-HANS' };
/** Languages whose sentences are joined with no space (any other: one space). */
const NO_SPACE_LANGUAGES = new Set(['zh', 'ja']);

const TOP_LEVEL = ['sourceLocale', 'targets', 'sources', 'sourceLinks', 'glossary', 'qa', 'boilerplate', 'captionPatterns', 'extraAbbreviations', 'tm', 'output', 'engine'];
const DEFAULT_SOURCES = ['source/*.ru.txt', 'source/*.ru.md', 'source/*.ru.json', 'source/*.ru.icu.json'];

/**
 * Validates a config object (what `pipeline.config.ts` exports) and fills the defaults.
 * A wrong option throws a `config` error naming the option, what was expected and what was found.
 */
export function resolveConfig(input: unknown, configFile: string, displayName = configFile): ResolvedConfig {
  // Messages name the file as the user wrote it (relative to the working folder in the CLI).
  const shown = displayName;
  const at = (option: string, expected: string, found: unknown): never => {
    throw new TilmashError('config', `${shown}: option \`${option}\` must be ${expected}, found ${describe(found)}.`, { file: shown });
  };
  if (!isObject(input)) at('default export', 'an object (export default defineConfig({...}))', input);
  const config = input as Record<string, unknown>;
  rejectUnknown(config, TOP_LEVEL, '', shown);
  const rootDir = path.dirname(path.resolve(configFile));

  const sourceLocale = config.sourceLocale ?? 'ru';
  if (sourceLocale !== 'ru') at('sourceLocale', `'ru' (the only source locale with segmentation rules)`, sourceLocale);

  const targets = resolveTargets(config.targets, at, shown);

  const sources = config.sources ?? DEFAULT_SOURCES;
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string' && s.length > 0))
    at('sources', 'a non-empty array of glob strings', sources);
  const sourceLinks = (config.sourceLinks ?? 'inside') as 'inside' | 'anywhere';
  if (sourceLinks !== 'inside' && sourceLinks !== 'anywhere') at('sourceLinks', "'inside' or 'anywhere'", sourceLinks);

  const { boilerplate, captionPatterns } = resolveReaderRules(config.boilerplate, config.captionPatterns, at);

  const extraAbbreviations = config.extraAbbreviations ?? [];
  if (!Array.isArray(extraAbbreviations) || !extraAbbreviations.every((a) => typeof a === 'string' && a.endsWith('.')))
    at('extraAbbreviations', "an array of abbreviations ending in '.' (e.g. ['вкл.'])", extraAbbreviations);

  if (config.glossary !== undefined && (typeof config.glossary !== 'string' || !/\.(json|csv|tbx)$/i.test(config.glossary)))
    at('glossary', 'a path to a .json, .csv or .tbx glossary file', config.glossary);
  const qa = optionalObject(config.qa, 'qa', ['checks'], at, shown);
  const qaChecks = validateQaSettings(qa.checks ?? {}, [...BUILT_IN_CHECK_IDS], `${shown}: qa.checks`);

  const tm = optionalObject(config.tm, 'tm', ['dir', 'fuzzyThreshold', 'store'], at, shown);
  const tmStore = tmStoreOption(tm.store, at);
  const fuzzyThreshold = tm.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD;
  if (typeof fuzzyThreshold !== 'number' || !(fuzzyThreshold >= 0.5 && fuzzyThreshold <= 0.99)) at('tm.fuzzyThreshold', 'a number from 0.5 to 0.99', fuzzyThreshold);

  return {
    rootDir,
    sourceLocale: 'ru',
    targets,
    sources: sources as string[],
    sourceLinks,
    boilerplate,
    captionPatterns,
    extraAbbreviations: extraAbbreviations as string[],
    tmDir: path.resolve(rootDir, stringOption(tm.dir, 'tm.dir', 'tm', at)),
    fuzzyThreshold: fuzzyThreshold as number,
    tmStore,
    glossaryFile: typeof config.glossary === 'string' ? path.resolve(rootDir, config.glossary) : undefined,
    qaChecks,
    output: resolveOutput(config.output, rootDir, at, shown),
    engine: resolveEngine(config.engine, targets, at, shown),
  };
}

type Fail = (option: string, expected: string, found: unknown) => never;

function resolveOutput(value: unknown, rootDir: string, at: Fail, shown: string): ResolvedConfig['output'] {
  const output = optionalObject(value, 'output', ['dir', 'formats', 'incomplete', 'writeSourceLocale'], at, shown);
  const formats = output.formats ?? ['i18next', 'icu'];
  if (!Array.isArray(formats) || formats.length === 0 || !formats.every((f) => f === 'i18next' || f === 'icu'))
    at('output.formats', `a non-empty array of 'i18next' | 'icu'`, formats);
  const incomplete = output.incomplete ?? 'omit';
  if (incomplete !== 'omit' && incomplete !== 'source') at('output.incomplete', `'omit' or 'source'`, incomplete);
  const writeSourceLocale = output.writeSourceLocale ?? true;
  if (typeof writeSourceLocale !== 'boolean') at('output.writeSourceLocale', 'true or false', writeSourceLocale);

  return {
    dir: path.resolve(rootDir, stringOption(output.dir, 'output.dir', 'locales', at)),
    formats: formats as Array<'i18next' | 'icu'>,
    incomplete: incomplete as 'omit' | 'source',
    writeSourceLocale: writeSourceLocale as boolean,
  };
}

function resolveEngine(value: unknown, targets: readonly ResolvedTarget[], at: Fail, shown: string): ResolvedConfig['engine'] {
  const engine = optionalObject(
    value,
    'engine',
    ['name', 'batchSize', 'concurrency', 'requestsPerInterval', 'intervalMs', 'timeoutMs', 'maxRetries', 'fallbackOnQa', 'llm', 'rate', 'maxRequestsPerSecond', 'maxSkewMs'],
    at,
    shown,
  );
  const engineNames = resolveEngineChain(engine.name ?? 'auto', 'engine.name', ['none', 'auto', 'deepl', 'llm'], at);
  const fallbackOnQa = engine.fallbackOnQa ?? true;
  if (typeof fallbackOnQa !== 'boolean') at('engine.fallbackOnQa', 'true or false', fallbackOnQa);
  const usesLlm = engine.llm !== undefined || engineNames.includes('llm') || targets.some((t) => t.engines?.includes('llm'));
  const llm = usesLlm ? resolveLlmConfig(optionalObject(engine.llm, 'engine.llm', LLM_CONFIG_OPTIONS, at, shown), at) : undefined;
  const positive = (name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = value ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) at(`engine.${name}`, `a whole number from 1 to ${max}`, v);
    return v as number;
  };

  return {
    name: engineNames[0] as 'none' | 'auto' | 'deepl' | 'llm',
    names: engineNames,
    fallbackOnQa: fallbackOnQa as boolean,
    llm,
    batchSize: positive('batchSize', engine.batchSize, 50, 50),
    concurrency: positive('concurrency', engine.concurrency, 4, 64),
    requestsPerInterval: positive('requestsPerInterval', engine.requestsPerInterval, 5),
    intervalMs: positive('intervalMs', engine.intervalMs, 1000),
    timeoutMs: positive('timeoutMs', engine.timeoutMs, 30_000),
    maxRetries: positive('maxRetries', engine.maxRetries, 5, 20),
    ...resolveRate(engine, at),
  };
}

/** `engine.rate`, `engine.maxRequestsPerSecond` and `engine.maxSkewMs`; an adaptive start above the ceiling is refused. */
function resolveRate(engine: Record<string, unknown>, at: Fail): { rate: 'adaptive' | 'fixed'; maxRequestsPerSecond?: number; maxSkewMs?: number } {
  const rate = engine.rate ?? 'adaptive';
  if (rate !== 'adaptive' && rate !== 'fixed') at('engine.rate', `'adaptive' (the queue finds the server's rate) or 'fixed' (requestsPerInterval is the cap)`, rate);
  const skew = engine.maxSkewMs;
  if (skew !== undefined && (typeof skew !== 'number' || !Number.isInteger(skew) || skew < 0 || skew > 600_000)) at('engine.maxSkewMs', 'a whole number of milliseconds from 0 to 600000', skew);
  const withSkew = skew === undefined ? {} : { maxSkewMs: skew as number };
  const ceiling = engine.maxRequestsPerSecond;
  if (ceiling === undefined) return { rate: rate as 'adaptive' | 'fixed', ...withSkew };
  if (typeof ceiling !== 'number' || !Number.isFinite(ceiling) || ceiling <= 0 || ceiling > 10_000) at('engine.maxRequestsPerSecond', 'a number of requests per second above 0 and at most 10000', ceiling);
  const start = ((engine.requestsPerInterval as number | undefined) ?? 5) / (((engine.intervalMs as number | undefined) ?? 1000) / 1000);
  if (rate === 'adaptive' && start > (ceiling as number))
    at('engine.maxRequestsPerSecond', `a ceiling at or above the starting rate (requestsPerInterval ÷ intervalMs = ${start} per second); lower engine.requestsPerInterval or raise the ceiling`, ceiling);
  return { rate: rate as 'adaptive' | 'fixed', maxRequestsPerSecond: ceiling as number, ...withSkew };
}

function resolveTargets(value: unknown, at: Fail, configFile: string): ResolvedTarget[] {
  const targets = value ?? { en: {}, kk: {}, zh: {} };
  if (!isObject(targets) || Object.keys(targets).length === 0) at('targets', 'an object of target locales, e.g. { en: {}, kk: {}, zh: {} }', targets);
  const resolved = Object.entries(targets as Record<string, unknown>).map(([locale, options]): ResolvedTarget => {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) at(`targets.${locale}`, 'a BCP 47 locale such as en, kk, zh or en-GB', locale);
    if (locale === 'ru') at('targets.ru', 'a locale other than the source locale', locale);
    const o = optionalObject(options, `targets.${locale}`, ['engineLanguage', 'sentenceJoiner', 'engine', 'derivedFrom', 'converter'], at, configFile);
    const derived = derivedTargetOf(locale, o, at, NO_SPACE_LANGUAGES.has(locale.split('-')[0] as string) ? '' : ' ');
    if (derived) return derived;
    const engines = o.engine === undefined ? undefined : resolveEngineChain(o.engine, `targets.${locale}.engine`, ENGINE_NAMES, at);
    if (engines?.includes('pseudo') && !isPseudoLocale(locale))
      at(`targets.${locale}.engine`, `a real engine: 'pseudo' only serves pseudo-locales such as en-XA (it must never write into a real locale)`, o.engine);
    const engineLanguage = o.engineLanguage ?? KNOWN_ENGINE_LANGUAGES[locale] ?? (engines?.includes('pseudo') ? 'PSEUDO' : undefined);
    if (typeof engineLanguage !== 'string' || engineLanguage === '')
      at(`targets.${locale}.engineLanguage`, `the engine's language code (e.g. 'EN-GB'); there is no built-in one for ${locale}`, engineLanguage);
    const language = locale.split('-')[0] as string;
    const sentenceJoiner = o.sentenceJoiner ?? (NO_SPACE_LANGUAGES.has(language) ? '' : ' ');
    if (typeof sentenceJoiner !== 'string') at(`targets.${locale}.sentenceJoiner`, 'a string', sentenceJoiner);
    return {
      locale,
      engineLanguage: engineLanguage as string,
      sentenceJoiner: sentenceJoiner as string,
      ...(engines !== undefined ? { engine: engines[0] as NonNullable<ResolvedTarget['engine']>, engines } : {}),
    };
  });
  checkDerivedTargets(resolved, at);
  return resolved;
}

function optionalObject(value: unknown, name: string, allowed: string[], at: Fail, configFile: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) at(name, 'an object', value);
  rejectUnknown(value as Record<string, unknown>, allowed, `${name}.`, configFile);
  return value as Record<string, unknown>;
}

/** `tm.store`: a PostgreSQL URL (shown with its password hidden), or absent for the file TM. */
function tmStoreOption(value: unknown, at: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isPostgresUrl(value)) at('tm.store', 'a PostgreSQL URL (postgres://user@host:5432/db), or no "store" for the file TM', typeof value === 'string' ? redactUrl(value) : value);
  return value as string;
}

function stringOption(value: unknown, name: string, fallback: string, at: Fail): string {
  const v = value ?? fallback;
  if (typeof v !== 'string' || v === '') at(name, 'a non-empty path string', v);
  return v as string;
}

function rejectUnknown(object: Record<string, unknown>, allowed: string[], prefix: string, configFile: string): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const near = allowed.find((a) => a.toLowerCase().startsWith(key.toLowerCase().slice(0, 3)));
    const hint = near ? ` Did you mean \`${prefix}${near}\`?` : ` Known options: ${allowed.join(', ')}.`;
    throw new TilmashError('config', `${configFile}: unknown option \`${prefix}${key}\`.${hint}`, { file: configFile });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array ${JSON.stringify(value).slice(0, 60)}`;
  if (value instanceof RegExp) return `the RegExp ${String(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
