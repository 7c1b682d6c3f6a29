import { createHash } from 'node:crypto';
import type { BundleEntry } from '../messages/message-types.js';

/** A short, stable fingerprint of bundle entries (their flat keys and values, in order). */
export function hashEntries(entries: readonly BundleEntry[]): string {
  const canonical = JSON.stringify(entries.map((entry) => [flatKey(entry.path), entry.value]));
  // One key is hashed several times in a row (its bundle on disk, what the TM builds, its ledger
  // entry), usually with the same entries: the last digest is kept, so that costs one SHA-256.
  if (canonical !== last.canonical) last = { canonical, hash: `sha256:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}` };
  return last.hash;
}

let last = { canonical: '', hash: '' };

/** A bundle entry's key as reviewers and the ledger name it: nested i18next paths joined with `.`. */
export function flatKey(path: readonly string[]): string {
  return path.join('.');
}
