import { splitPluralKey } from '../messages/i18next-plural-key.js';
import type { Ledger, LedgerEntry } from '../ledger/ledger-types.js';

/**
 * Finds the ledger entry of a bundle key: the unit key itself, a unit listing the key in `entries`
 * (i18next plural forms), or the unit of the key without its plural suffix.
 */
export function diffLedgerEntry(ledger: Ledger | undefined): (namespace: string, bundleKey: string) => LedgerEntry | undefined {
  const indexes = new Map<string, Map<string, LedgerEntry>>();
  const indexOf = (namespace: string): Map<string, LedgerEntry> => {
    let index = indexes.get(namespace);
    if (index) return index;
    index = new Map();
    for (const [unitKey, entry] of Object.entries(ledger?.namespaces[namespace]?.keys ?? {})) {
      index.set(unitKey, entry);
      for (const bundleKey of entry.entries ?? []) if (!index.has(bundleKey)) index.set(bundleKey, entry);
    }
    indexes.set(namespace, index);
    return index;
  };
  return (namespace, bundleKey) => {
    if (!ledger) return undefined;
    const index = indexOf(namespace);
    const direct = index.get(bundleKey);
    if (direct) return direct;
    const plural = splitPluralKey(bundleKey);
    return plural ? index.get(plural.base) : undefined;
  };
}
