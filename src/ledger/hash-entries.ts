import { createHash } from 'node:crypto';
import type { BundleEntry } from '../messages/message-types.js';

/** A short, stable fingerprint of bundle entries (their flat keys and values, in order). */
export function hashEntries(entries: readonly BundleEntry[]): string {
  const canonical = JSON.stringify(entries.map((entry) => [flatKey(entry.path), entry.value]));
  return `sha256:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/** A bundle entry's key as reviewers and the ledger name it: nested i18next paths joined with `.`. */
export function flatKey(path: readonly string[]): string {
  return path.join('.');
}
