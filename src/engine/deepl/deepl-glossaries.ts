import { createHash } from 'node:crypto';
import type * as deepl from 'deepl-node';
import { EngineError } from '../translation-engine.js';

/** Runs one deepl-node call with the adapter's timeout and error mapping. */
export type DeeplCall = <T>(send: (translator: deepl.Translator, module: typeof deepl) => Promise<T>) => Promise<T>;

const READY_POLLS = 10;
const READY_POLL_MS = 300;

/**
 * `tilmash/<project> <src>-<tgt> <first 12 hex of sha256 of the sorted entries>`: the name says
 * which project and pair a glossary serves and which entries it holds, so an unchanged glossary is
 * found, not re-created, and one project never replaces another's on a shared DeepL account.
 * The entries' order does not matter (they are hashed in their canonical form, the one place they
 * are sorted); a source given two targets throws (a DeepL glossary allows one).
 */
export function deeplGlossaryName(project: string, sourceLanguage: string, targetLanguage: string, entries: ReadonlyArray<readonly [string, string]>): string {
  return namedGlossary(project, sourceLanguage, targetLanguage, entries).name;
}

/** The glossary's name and its entries in canonical form (what is hashed, and sent when it is created). */
function namedGlossary(project: string, sourceLanguage: string, targetLanguage: string, entries: ReadonlyArray<readonly [string, string]>): { name: string; entries: Array<[string, string]> } {
  const canonical = canonicalEntries(entries);
  const tsv = canonical.map(([source, target]) => `${source}\t${target}\n`).join('');
  const hash = createHash('sha256').update(tsv, 'utf8').digest('hex').slice(0, 12);
  return { name: `${glossaryPrefix(project, baseLanguage(sourceLanguage), baseLanguage(targetLanguage))}${hash}`, entries: canonical };
}

function glossaryPrefix(project: string, source: string, target: string): string {
  return `tilmash/${project} ${source}-${target} `;
}

/**
 * DeepL (v2) glossaries for `prepareGlossary`: per language pair, the glossary named after its
 * entries is reused when the account has it; otherwise it is created and this project's older
 * `tilmash/<project> <src>-<tgt> *` glossaries are deleted (a failed delete is ignored: the old glossary is
 * unused and goes with the next change). The id is cached per pair for the life of the process;
 * concurrent calls for one pair share one round trip. Glossaries serve base languages (`zh`,
 * not `ZH-HANS`): deepl-node strips the region when creating.
 */
export function createGlossaryKeeper(call: DeeplCall, project: string): (sourceLanguage: string, targetLanguage: string, entries: ReadonlyArray<readonly [string, string]>) => Promise<string> {
  const byPair = new Map<string, { name: string; id: Promise<string> }>();
  // Each round trip names its step in a failure (`create glossary failed: …`); retry and reason are kept.
  const step = <T>(name: string, send: (translator: deepl.Translator, module: typeof deepl) => Promise<T>): Promise<T> =>
    call(send).catch((error: unknown) => {
      throw error instanceof EngineError ? new EngineError(`${name} failed: ${error.message}`, { ...error.options, cause: error }) : error;
    });

  const ensure = async (source: string, target: string, name: string, entries: Array<[string, string]>): Promise<string> => {
    const prefix = glossaryPrefix(project, source, target);
    const listed = await step('list glossaries', (translator) => translator.listGlossaries());
    const ours = listed.filter((g) => g.name.startsWith(prefix) && baseLanguage(g.sourceLang) === source && baseLanguage(g.targetLang) === target);
    const same = ours.find((g) => g.name === name);
    if (same !== undefined) return waitUntilReady(same);
    const created = await step('create glossary', (translator, module) => translator.createGlossary(name, source as deepl.LanguageCode, target as deepl.LanguageCode, new module.GlossaryEntries({ entries: Object.fromEntries(entries) })));
    for (const old of ours) {
      await call((translator) => translator.deleteGlossary(old.glossaryId)).catch(() => undefined);
    }
    return waitUntilReady(created);
  };

  const waitUntilReady = async (glossary: deepl.GlossaryInfo): Promise<string> => {
    let info = glossary;
    for (let poll = 0; !info.ready && poll < READY_POLLS; poll++) {
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
      info = await step('check glossary readiness', (translator) => translator.getGlossary(glossary.glossaryId));
    }
    if (!info.ready) throw new EngineError(`DeepL glossary «${info.name}» is not ready after ${(READY_POLLS * READY_POLL_MS) / 1000} s`, { retryable: true, reason: 'server' });
    return info.glossaryId;
  };

  return async (sourceLanguage, targetLanguage, given) => {
    if (given.length === 0) throw new EngineError('A DeepL glossary needs at least one entry.', { retryable: false, reason: 'bad-request' });
    const source = baseLanguage(sourceLanguage);
    const target = baseLanguage(targetLanguage);
    const { name, entries } = namedGlossary(project, source, target, given);
    const pair = `${source}-${target}`;
    const cached = byPair.get(pair);
    if (cached?.name === name) return cached.id;
    const id = ensure(source, target, name, entries);
    byPair.set(pair, { name, id });
    // A failure is not cached: the next call tries again.
    id.catch(() => {
      if (byPair.get(pair)?.id === id) byPair.delete(pair);
    });
    return id;
  };
}

/** Entries sorted by source (code-unit order), one per source; a source with two targets is refused. */
function canonicalEntries(entries: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const bySource = new Map<string, string>();
  for (const [source, target] of entries) {
    const previous = bySource.get(source);
    if (previous !== undefined && previous !== target) {
      throw new EngineError(`Glossary entries give «${source}» two targets («${previous}», «${target}»); a DeepL glossary allows one.`, { retryable: false, reason: 'bad-request' });
    }
    bySource.set(source, target);
  }
  return [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function baseLanguage(code: string): string {
  return (code.split('-')[0] ?? code).toLowerCase();
}
