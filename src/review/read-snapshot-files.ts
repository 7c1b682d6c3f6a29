import type { Ledger } from '../ledger/ledger-types.js';
import { parseLedger } from '../ledger/ledger-file.js';
import { flattenBundleJson, splitIcuIds } from '../ledger/read-current-bundles.js';
import { parseOrderedJsonObject } from '../messages/ordered-json.js';
import type { BundleSnapshot, LocaleSnapshot, NamespaceFormat, SnapshotNamespace } from './bundle-snapshot.js';

export interface SnapshotFiles {
  /** Files of the output folder, relative to it with `/` separators (any order; others are ignored). */
  paths: readonly string[];
  read: (relative: string) => string;
  /** How messages name a file (`locales/en/ui.json`, `HEAD:locales/en/ui.json`). */
  shown: (relative: string) => string;
}

const I18NEXT_FILE = /^([^/]+)\/([^/]+)\.json$/u;
const ICU_FILE = /^icu\/([^/]+)\.json$/u;
const LEDGER_FILE = /^provenance\/([^/]+)\.json$/u;

/**
 * Builds a snapshot from the files of an output folder: `<lng>/<ns>.json` (i18next), `icu/<lng>.json`
 * (ICU, ids `<ns>.<id>`) and `provenance/<lng>.json` (ledgers). A bundle that is not valid JSON is
 * refused with its file and position.
 */
export function readSnapshotFiles(files: SnapshotFiles, sourceLocale: string): BundleSnapshot {
  const i18next = new Map<string, Map<string, Map<string, string>>>(); // locale → namespace → entries
  const icu = new Map<string, Map<string, string>>(); // locale → id → message
  const ledgers = new Map<string, Ledger>();
  for (const relative of [...files.paths].sort()) {
    const ledgerMatch = LEDGER_FILE.exec(relative);
    const icuMatch = ICU_FILE.exec(relative);
    const i18nextMatch = I18NEXT_FILE.exec(relative);
    if (ledgerMatch) {
      ledgers.set(ledgerMatch[1]!, parseLedger(files.read(relative), files.shown(relative)));
    } else if (icuMatch) {
      icu.set(icuMatch[1]!, flattenBundle(files.read(relative), files.shown(relative)));
    } else if (i18nextMatch && i18nextMatch[1] !== 'icu' && i18nextMatch[1] !== 'provenance') {
      const [, locale, namespace] = i18nextMatch as unknown as [string, string, string];
      let namespaces = i18next.get(locale);
      if (!namespaces) i18next.set(locale, (namespaces = new Map()));
      namespaces.set(namespace, flattenBundle(files.read(relative), files.shown(relative)));
    }
  }

  // A namespace's format: the first ledger that knows it, else inferred from where its bundles are.
  const known = new Map<string, NamespaceFormat>();
  for (const ledger of ledgers.values()) {
    for (const [namespace, ns] of Object.entries(ledger.namespaces)) if (!known.has(namespace)) known.set(namespace, ns.format);
  }
  const withI18nextFile = new Set([...i18next.values()].flatMap((namespaces) => [...namespaces.keys()]));
  const formatOf = (namespace: string): NamespaceFormat => known.get(namespace) ?? (withI18nextFile.has(namespace) ? 'i18next' : 'icu');
  const namespaceNames = [...known.keys(), ...withI18nextFile];

  const localeSnapshot = (locale: string): LocaleSnapshot => {
    const ledger = ledgers.get(locale);
    const files = i18next.get(locale) ?? new Map<string, Map<string, string>>();
    const icuByNamespace = splitIcuIds(icu.get(locale) ?? new Map(), namespaceNames);
    const namespaces = new Map<string, SnapshotNamespace>();
    for (const namespace of [...Object.keys(ledger?.namespaces ?? {}), ...files.keys(), ...icuByNamespace.keys()]) {
      if (namespaces.has(namespace)) continue;
      const format = formatOf(namespace);
      const entries = format === 'icu' ? icuByNamespace.get(namespace) : (files.get(namespace) ?? (format === 'text' ? icuByNamespace.get(namespace) : undefined));
      if (entries) namespaces.set(namespace, { format, entries });
    }
    return { locale, namespaces, ...(ledger ? { ledger } : {}) };
  };

  const targetLocales = [...new Set([...ledgers.keys(), ...[...i18next.keys(), ...icu.keys()].sort()])].filter((locale) => locale !== sourceLocale);
  return { sourceLocale, source: localeSnapshot(sourceLocale), targets: targetLocales.map(localeSnapshot) };
}

/** A bundle's leaves in file order, nested keys joined with `.`; a non-string leaf keeps its JSON text. */
function flattenBundle(text: string, file: string): Map<string, string> {
  const root = parseOrderedJsonObject(text, file, 'a bundle is one JSON object of keys. Restore the file as `tilmash run` wrote it.');
  return flattenBundleJson(root, text, 'json');
}
