import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { keyMapFileOf } from '../keys/index.js';
import { VERSION } from '../version.js';
import type { DocumentCache } from './document-cache.js';
import { hashFile, runtimeId, stableConfig } from './input-fingerprint.js';
import type { SourceDocument } from './source-document.js';

/** Per document read this run: the hash of everything its units depend on (settings, its bytes, its key map). */
const documentKeys = new WeakMap<SourceDocument, string>();

/** The load key of a document, when it was read with a cache (unit-reuse.ts builds the outcome keys on it). */
export const documentKeyOf = (document: SourceDocument): string | undefined => documentKeys.get(document);

/** Documents whose units this run took from the cache (for the report). */
const fromCache = new WeakSet<SourceDocument>();

export const unitsFromCache = (document: SourceDocument): boolean => fromCache.has(document);

const settingsKeys = new WeakMap<ResolvedConfig, string>();

/** The tool version and the resolved config, hashed once per config. */
export function settingsKey(config: ResolvedConfig): string {
  let key = settingsKeys.get(config);
  if (key === undefined) settingsKeys.set(config, (key = createHash('sha256').update(`${VERSION}\n${runtimeId()}\n${stableConfig(config)}`).digest('hex')));
  return key;
}

/**
 * A document read through the cache: an article whose bytes, key map and settings hash as when it
 * was cached is taken from it (no decoding, boilerplate rules, segmentation or key assignment);
 * anything else is read by `read` and cached. App-string documents are always read (cheap), only keyed.
 */
export function loadCached(config: ResolvedConfig, cache: DocumentCache, source: { file: string; namespace: string; bytes: Buffer; isArticle: boolean }, read: () => SourceDocument): SourceDocument {
  const { file, namespace, bytes, isArticle } = source;
  const hash = createHash('sha256').update(settingsKey(config)).update('\0').update(file).update('\0').update(bytes);
  if (isArticle) hash.update('\0').update(hashFile(path.join(config.rootDir, keyMapFileOf(file, config.sourceLocale))));
  const key = hash.digest('hex');
  const cached = isArticle ? cache.load(file, key) : undefined;
  const document: SourceDocument = cached ? { namespace, file, ...cached } : read();
  if (isArticle && !cached) {
    const { namespace: _n, file: _f, ...rest } = document;
    cache.keepLoad(file, key, rest);
  }
  documentKeys.set(document, key);
  if (cached) fromCache.add(document);
  return document;
}
