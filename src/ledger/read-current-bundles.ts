import { readExistingFile } from '../text/read-existing-file.js';
import path from 'node:path';
import { parseOrderedJson, type JsonObjectNode } from '../messages/ordered-json.js';

/** What the bundles on disk hold now, per namespace: flat key (nested paths joined with `.`) → value. */
export type CurrentBundles = Map<string, Map<string, string>>;

/**
 * Reads one target locale's bundles as they are on disk (possibly edited by a person since the
 * last run): i18next files for article and i18next namespaces, the ICU file for ICU namespaces.
 * A missing file, or one whose top level is not an object, is an empty namespace; a file that is
 * not JSON is refused with its position. Only string values count (a person's edit is text).
 */
export function readCurrentBundles(outputDir: string, locale: string, namespaces: ReadonlyArray<{ namespace: string; format: 'text' | 'i18next' | 'icu' }>, shown: (file: string) => string): CurrentBundles {
  const out: CurrentBundles = new Map();
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
  const text = readExistingFile(file, shown(file), 'bundle');
  if (text === undefined) return new Map();
  const root = parseOrderedJson(text, shown(file));
  return root.kind === 'object' ? flattenBundleJson(root, text, 'skip') : new Map();
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
