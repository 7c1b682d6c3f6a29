import { createHash } from 'node:crypto';
import { readExistingFile, readExistingBytes } from '../text/read-existing-file.js';
import path from 'node:path';
import { parseOrderedJson, type JsonObjectNode } from '../messages/ordered-json.js';

/** What the bundles on disk hold now, per namespace: flat key (nested paths joined with `.`) → value. */
export type CurrentBundles = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Reads one target locale's bundles as they are on disk (possibly edited by a person since the
 * last run): i18next files for article and i18next namespaces, the ICU file for ICU namespaces.
 * A missing file, or one whose top level is not an object, is an empty namespace; a file that is
 * not JSON is refused with its position. Only string values count (a person's edit is text).
 */
export function readCurrentBundles(outputDir: string, locale: string, namespaces: ReadonlyArray<{ namespace: string; format: 'text' | 'i18next' | 'icu' }>, shown: (file: string) => string): CurrentBundles {
  const out = new Map<string, ReadonlyMap<string, string>>();
  let icu: Map<string, Map<string, string>> | undefined;
  for (const { namespace, format } of namespaces) {
    if (format === 'icu') {
      icu ??= splitIcuIds(readFlat(path.join(outputDir, 'icu', `${locale}.json`), shown), namespaces.map((n) => n.namespace));
      out.set(namespace, icu.get(namespace) ?? new Map());
    } else {
      out.set(namespace, readFlat(path.join(outputDir, locale, `${namespace}.json`), shown));
    }
  }
  return out;
}

function readFlat(file: string, shown: (file: string) => string): Map<string, string> {
  return parseFlat(readExistingFile(file, shown(file), 'bundle'), file, shown);
}

function parseFlat(text: string | undefined, file: string, shown: (file: string) => string): Map<string, string> {
  if (text === undefined) return new Map();
  const root = parseOrderedJson(text, shown(file));
  return root.kind === 'object' ? flattenBundleJson(root, text, 'skip') : new Map();
}

/**
 * `readCurrentBundles` for a run that replays most documents from its cache (job/unit-reuse.ts):
 * an i18next file is read as bytes, and parsed only when its namespace is first asked for, so an
 * unchanged document's bundle is hashed (`bundleDigest`), never decoded or parsed. The ICU file
 * (shared by every ICU namespace) is read whole on the first ICU namespace asked for.
 */
export class LazyBundles implements CurrentBundles {
  readonly #parsed = new Map<string, ReadonlyMap<string, string>>();
  readonly #bytes = new Map<string, Buffer | undefined>();
  readonly #digests = new Map<string, string>();
  #icu: Map<string, Map<string, string>> | undefined;

  constructor(private readonly outputDir: string, private readonly locale: string, private readonly namespaces: ReadonlyArray<{ namespace: string; format: 'text' | 'i18next' | 'icu' }>, private readonly shown: (file: string) => string) {
    for (const { namespace, format } of namespaces) if (format !== 'icu') this.#bytes.set(namespace, readExistingBytes(this.fileOf(namespace), shown(this.fileOf(namespace)), 'bundle'));
  }

  get size(): number {
    return this.namespaces.length;
  }

  has(namespace: string): boolean {
    return this.namespaces.some((n) => n.namespace === namespace);
  }

  get(namespace: string): ReadonlyMap<string, string> | undefined {
    let flat = this.#parsed.get(namespace);
    if (flat !== undefined || !this.has(namespace)) return flat;
    if (this.#bytes.has(namespace)) {
      this.digest(namespace); // from the bytes, before they go
      flat = parseFlat(this.#bytes.get(namespace)?.toString('utf8'), this.fileOf(namespace), this.shown);
      this.#bytes.delete(namespace); // parsed once: the bytes are not kept twice
    } else {
      this.#icu ??= splitIcuIds(readFlat(path.join(this.outputDir, 'icu', `${this.locale}.json`), this.shown), this.namespaces.map((n) => n.namespace));
      flat = this.#icu.get(namespace) ?? new Map();
    }
    this.#parsed.set(namespace, flat);
    return flat;
  }

  /** The hash of what the namespace's bundle holds: its i18next file's bytes as read, or its parsed ICU messages. */
  digest(namespace: string): string {
    let digest = this.#digests.get(namespace);
    if (digest !== undefined) return digest;
    const bytes = this.#bytes.get(namespace);
    if (this.#bytes.has(namespace)) digest = bytesDigest(bytes);
    else digest = bundleDigest(new Map([[namespace, this.get(namespace) ?? new Map()]]), namespace);
    this.#digests.set(namespace, digest);
    return digest;
  }

  forEach(callback: (value: ReadonlyMap<string, string>, key: string, map: CurrentBundles) => void): void {
    for (const [namespace, flat] of this.entries()) callback(flat, namespace, this);
  }

  *entries(): MapIterator<[string, ReadonlyMap<string, string>]> {
    for (const { namespace } of this.namespaces) yield [namespace, this.get(namespace) as ReadonlyMap<string, string>];
  }

  *keys(): MapIterator<string> {
    for (const { namespace } of this.namespaces) yield namespace;
  }

  *values(): MapIterator<ReadonlyMap<string, string>> {
    for (const [, flat] of this.entries()) yield flat;
  }

  [Symbol.iterator](): MapIterator<[string, ReadonlyMap<string, string>]> {
    return this.entries();
  }

  private fileOf(namespace: string): string {
    return path.join(this.outputDir, this.locale, `${namespace}.json`);
  }
}

/** `file:<sha256>` of a bundle's bytes (or of its content as it would be written), `absent` for no file. */
export const bytesDigest = (bytes: Uint8Array | string | undefined): string => (bytes === undefined ? 'absent' : `file:${createHash('sha256').update(bytes).digest('hex')}`);

/** `bytesDigest` of the file as it is on disk now. */
export function fileDigest(file: string, shown: string): string {
  return bytesDigest(readExistingBytes(file, shown, 'bundle'));
}

/** What a namespace's bundle holds on disk, as a hash (`LazyBundles`: of the file's bytes): part of the key its cached outcomes are stored under. */
export function bundleDigest(bundles: CurrentBundles | undefined, namespace: string): string {
  if (bundles instanceof LazyBundles) return bundles.digest(namespace);
  const flat = bundles?.get(namespace);
  return flat === undefined ? 'none' : `map:${createHash('sha256').update(JSON.stringify([...flat])).digest('hex')}`;
}

/**
 * A bundle's leaves in file order, nested object keys joined with `.` (`root` parsed from `text`).
 * A leaf that is not a string (number, array, …) keeps its JSON text with `json`, is left out with `skip`.
 */
export function flattenBundleJson(root: JsonObjectNode, text: string, nonStringLeaves: 'json' | 'skip'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: JsonObjectNode, prefix: string) => {
    for (const { key, value } of node.members) {
      const flat = prefix === '' ? key : `${prefix}.${key}`;
      if (value.kind === 'object') walk(value, flat);
      else if (value.kind === 'string') out.set(flat, value.value);
      else if (nonStringLeaves === 'json') out.set(flat, text.slice(value.start, value.end));
    }
  };
  walk(root, '');
  return out;
}

/**
 * The ids `<namespace>.<id>` of an ICU bundle grouped by namespace, each without its prefix: the
 * longest of `namespaces` the id starts with, else the id up to its first dot (`''` for an id without one).
 */
export function splitIcuIds(messages: ReadonlyMap<string, string>, namespaces: Iterable<string>): Map<string, Map<string, string>> {
  const longestFirst = [...new Set(namespaces)].sort((a, b) => b.length - a.length);
  const out = new Map<string, Map<string, string>>();
  for (const [id, message] of messages) {
    const namespace = longestFirst.find((ns) => id.startsWith(`${ns}.`)) ?? (id.includes('.') ? id.slice(0, id.indexOf('.')) : '');
    let entries = out.get(namespace);
    if (!entries) out.set(namespace, (entries = new Map()));
    entries.set(namespace === '' ? id : id.slice(namespace.length + 1), message);
  }
  return out;
}
