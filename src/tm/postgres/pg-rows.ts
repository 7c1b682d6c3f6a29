/** TM entries to and from rows of `tilmash_tm_entries`. */
import { createHash } from 'node:crypto';
import { foldForMatch } from '../fuzzy-distance.js';
import type { TmEntry, TmStatus } from '../tm-entry.js';
import { canonicalEntry } from '../tm-validate.js';

export interface EntryRow {
  source: string;
  target: string;
  origin: string;
  status: string;
  created: string;
  changed: string;
  findings: string | null;
}

export const ENTRY_COLUMNS = 'source, target, origin, status, created, changed, findings';

/** The key's hash of a source, hex (sent as text, decoded to bytea in SQL). */
export function sourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

export function entryOfRow(row: EntryRow): TmEntry {
  const entry: TmEntry = { source: row.source, target: row.target, origin: row.origin, status: row.status as TmStatus, created: row.created, changed: row.changed };
  if (row.findings !== null) entry.findings = JSON.parse(row.findings) as TmEntry['findings'];
  return canonicalEntry(entry);
}

/** Column arrays for one `unnest` upsert, in the order of UPSERT_SQL's parameters $3…$11. */
export function entryColumns(entries: readonly TmEntry[]): string[][] {
  const columns: string[][] = [[], [], [], [], [], [], [], [], []];
  for (const e of entries) {
    const values = [sourceHash(e.source), e.source, foldForMatch(e.source), e.target, e.origin, e.status, e.created, e.changed];
    values.forEach((value, i) => (columns[i] as string[]).push(value));
    (columns[8] as Array<string | null>).push(e.findings && e.findings.length > 0 ? JSON.stringify(e.findings) : null);
  }
  return columns;
}
