import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { keyMapFileOf } from '../keys/key-map-file.js';
import { describeSourceFile, findSources } from '../read/find-sources.js';
import { guardSourcePaths } from '../read/source-path-guard.js';
import { recoveryTargets } from '../tm/tm-recovery.js';
import { VERSION } from '../version.js';

/**
 * What a run's result depends on, as content hashes: the tool version, the Node runtime and the resolved config (one
 * digest), and every input file by its path relative to the project — sources, their key maps, the
 * TM files, the glossary. Read one file at a time (memory: the largest file, not the project).
 * Undefined when the project cannot take the no-change path at all: a TM journal or recovery file
 * waits to be folded (a run must save it), the TM folder is missing, or a source is not a plain file.
 */
export interface InputFingerprint {
  /** Tool version and resolved config. */
  settings: string;
  /** Relative path → `sha256:<hex>` (or `absent` for a key map a source does not have yet). */
  files: Record<string, string>;
}

export function hashBytes(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Read a MB at a time into one buffer: the TM and the bundles are hashed without holding any of them whole. */
const CHUNK = Buffer.allocUnsafe(1 << 20);

/** The hash of a file's bytes, or `absent`. */
export function hashFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const hash = createHash('sha256');
    for (let n = readSync(fd, CHUNK); n > 0; n = readSync(fd, CHUNK)) hash.update(CHUNK.subarray(0, n));
    return `sha256:${hash.digest('hex')}`;
  } finally {
    closeSync(fd);
  }
}

/**
 * With `expected` (the hashes a manifest recorded), undefined as soon as one file hashes otherwise:
 * a run after a source changed learns it from that source, not after hashing the whole TM.
 */
export async function inputFingerprint(config: ResolvedConfig, expected?: Readonly<Record<string, string>>): Promise<InputFingerprint | undefined> {
  const sources = findSources(config.rootDir, config.sources);
  if (sources.length === 0 || !existsSync(config.tmDir)) return undefined;
  guardSourcePaths(config.rootDir, sources, config.sourceLinks); // the same refusals as the full path
  if ((await recoveryTargets(config.tmDir, config.sourceLocale)).length > 0) return undefined;
  const files: Record<string, string> = {};
  const relative = (file: string) => path.relative(config.rootDir, file).split(path.sep).join('/');
  const put = (name: string, file: string): boolean => (files[name] = hashFile(file)) === (expected ?? files)[name];
  for (const source of sources) {
    const full = path.join(config.rootDir, source);
    if (!lstatSync(full).isFile()) return undefined; // a link: the full path decides (and re-checks it)
    if (!put(source, full)) return undefined;
    const format = describeSourceFile(source, config.sourceLocale)?.format;
    if (format === 'txt' || format === 'md') {
      const keyMap = keyMapFileOf(source, config.sourceLocale);
      if (!put(keyMap, path.join(config.rootDir, keyMap))) return undefined;
    }
  }
  for (const name of readdirSync(config.tmDir).sort()) {
    const full = path.join(config.tmDir, name);
    if (!lstatSync(full).isFile()) continue;
    if (name.endsWith('.journal') && lstatSync(full).size > 0) return undefined; // unsaved TM entries: a run folds them
    if (!put(relative(full), full)) return undefined;
  }
  if (config.glossaryFile && !put(relative(config.glossaryFile), config.glossaryFile)) return undefined;
  return { settings: hashBytes(`${VERSION}\n${runtimeId()}\n${stableConfig(config)}`), files };
}

/**
 * The runtime the outputs were made with: plural categories, segmentation and `\p{…}` classes come
 * from Node's ICU and Unicode data, so a run on another Node (22 → 24) takes the full path once.
 */
export function runtimeId(versions: NodeJS.ProcessVersions = process.versions): string {
  return `node ${versions.node} icu ${versions.icu ?? '-'} unicode ${versions.unicode ?? '-'} cldr ${versions.cldr ?? '-'}`;
}

/** The resolved config as text, patterns and functions included (JSON alone would drop them). */
export function stableConfig(config: ResolvedConfig): string {
  return JSON.stringify(config, (_key, value: unknown) => {
    if (value instanceof RegExp || typeof value === 'function') return `${typeof value}:${String(value)}`;
    if (value instanceof Map) return { map: [...value] };
    if (value instanceof Set) return { set: [...value] };
    return value;
  });
}
