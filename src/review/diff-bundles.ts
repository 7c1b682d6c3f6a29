import { pluralKey, splitPluralKey } from '../messages/i18next-plural-key.js';
import type { BundleSnapshot, LocaleSnapshot } from './bundle-snapshot.js';
import type { KeyChange } from './diff-key-change.js';
import { diffLedgerEntry } from './diff-ledger-entry.js';
import { diffMergeOrder } from './diff-merge-order.js';

export interface DiffOptions {
  /** Locale order (the config's targets); locales not named follow in snapshot order. */
  locales?: readonly string[];
}

/**
 * Per target locale, namespace and bundle key: what was added, changed or removed from `base` to
 * `head`. An unchanged value counts as changed when both ledgers know the key and its origin or
 * status moved. Order: locales, then namespaces and keys in bundle (source) order, a removed key
 * where it used to be.
 */
export function diffBundles(base: BundleSnapshot, head: BundleSnapshot, options: DiffOptions = {}): KeyChange[] {
  const present = new Set([...head.targets, ...base.targets].map((t) => t.locale));
  const locales = [...new Set([...(options.locales ?? []).filter((l) => present.has(l)), ...head.targets.map((t) => t.locale), ...base.targets.map((t) => t.locale)])];
  const changes: KeyChange[] = [];
  for (const locale of locales) {
    const before = base.targets.find((t) => t.locale === locale) ?? emptyLocale(locale);
    const after = head.targets.find((t) => t.locale === locale) ?? emptyLocale(locale);
    changes.push(...diffLocale(base, head, before, after));
  }
  return changes;
}

function diffLocale(base: BundleSnapshot, head: BundleSnapshot, before: LocaleSnapshot, after: LocaleSnapshot): KeyChange[] {
  const oldLedger = diffLedgerEntry(before.ledger);
  const newLedger = diffLedgerEntry(after.ledger);
  const changes: KeyChange[] = [];
  for (const namespace of diffMergeOrder([after.namespaces.keys(), before.namespaces.keys()])) {
    const oldNs = before.namespaces.get(namespace);
    const newNs = after.namespaces.get(namespace);
    const oldEntries = oldNs?.entries ?? new Map<string, string>();
    const newEntries = newNs?.entries ?? new Map<string, string>();
    const keys = diffMergeOrder([head.source.namespaces.get(namespace)?.entries.keys() ?? [], newEntries.keys(), oldEntries.keys()]);
    for (const key of keys) {
      const oldValue = oldEntries.get(key);
      const newValue = newEntries.get(key);
      if (oldValue === undefined && newValue === undefined) continue;
      const oldEntry = oldValue === undefined ? undefined : oldLedger(namespace, key);
      const newEntry = newValue === undefined ? undefined : newLedger(namespace, key);
      const provenanceMoved = oldEntry !== undefined && newEntry !== undefined && (oldEntry.origin !== newEntry.origin || oldEntry.status !== newEntry.status);
      if (oldValue === newValue && !provenanceMoved) continue;
      const oldSource = oldValue === undefined ? undefined : sourceText(base, namespace, key);
      const newSource = newValue === undefined ? undefined : sourceText(head, namespace, key);
      changes.push({
        locale: after.locale,
        namespace,
        key,
        format: (newNs ?? oldNs)!.format,
        change: oldValue === undefined ? 'added' : newValue === undefined ? 'removed' : 'changed',
        source: { ...(oldSource === undefined ? {} : { old: oldSource }), ...(newSource === undefined ? {} : { new: newSource }) },
        target: { ...(oldValue === undefined ? {} : { old: oldValue }), ...(newValue === undefined ? {} : { new: newValue }) },
        origin: { ...(oldEntry ? { old: oldEntry.origin } : {}), ...(newEntry ? { new: newEntry.origin } : {}) },
        status: { ...(oldEntry ? { old: oldEntry.status } : {}), ...(newEntry ? { new: newEntry.status } : {}) },
        findings: [...(newEntry?.findings ?? [])],
      });
    }
  }
  return changes;
}

/** The source-locale text of a bundle key; a plural form without the same category in the source reads its `other` form. */
function sourceText(snapshot: BundleSnapshot, namespace: string, key: string): string | undefined {
  const entries = snapshot.source.namespaces.get(namespace)?.entries;
  if (!entries) return undefined;
  const same = entries.get(key);
  if (same !== undefined) return same;
  const plural = splitPluralKey(key);
  return plural ? entries.get(pluralKey(plural.base, 'other', plural.ordinal)) : undefined;
}

function emptyLocale(locale: string): LocaleSnapshot {
  return { locale, namespaces: new Map() };
}
