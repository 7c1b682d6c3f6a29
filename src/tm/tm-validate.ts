/**
 * Checking that a parsed JSON value is a well-formed `TmEntry`, and building the canonical in-memory
 * entry: a frozen object with keys in file order and repeated strings shared.
 */
import { TM_STATUSES, type TmEntry, type TmFinding, type TmStatus } from './tm-entry.js';

/** The fields of a `TmEntry`, in the order they are written. */
export const TM_FIELDS = ['source', 'target', 'origin', 'status', 'created', 'changed'] as const;

const STATUS_BY_NAME = new Map<string, TmStatus>(TM_STATUSES.map((status) => [status, status]));

/** BCP 47-like tag used in file names: `ru`, `en`, `zh-Hans`, `pt-BR`. */
const LOCALE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

export function isLocaleTag(tag: string): boolean {
  return LOCALE_TAG.test(tag);
}

/** Returns the same string object for equal strings (used while loading; then dropped). */
export type Intern = (value: string) => string;

export function makeInterner(): Intern {
  const pool = new Map<string, string>();
  return (value) => {
    const hit = pool.get(value);
    if (hit !== undefined) return hit;
    pool.set(value, value);
    return value;
  };
}

const noIntern: Intern = (value) => value;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** What is wrong with `value` as a TM entry, or `undefined` when it is a valid one. */
export function entryProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a JSON object with fields ${TM_FIELDS.join(', ')}, found ${describe(value)}`;
  }
  const record = value as Record<string, unknown>;
  for (const field of TM_FIELDS) {
    if (!Object.hasOwn(record, field)) return `missing field "${field}"`;
    const fieldValue = record[field];
    if (typeof fieldValue !== 'string') return `field "${field}" must be a string, found ${describe(fieldValue)}`;
  }
  let count = 0;
  for (const key in record) if (Object.hasOwn(record, key)) count++;
  const hasFindings = Object.hasOwn(record, 'findings');
  if (count !== TM_FIELDS.length + (hasFindings ? 1 : 0)) {
    const unknown = Object.keys(record).find((key) => !(TM_FIELDS as readonly string[]).includes(key) && key !== 'findings');
    return `unknown field "${unknown ?? '?'}" (an entry has exactly the fields ${TM_FIELDS.join(', ')}, and optionally findings)`;
  }
  if (hasFindings) {
    const problem = findingsProblem(record['findings']);
    if (problem) return problem;
  }
  if (!STATUS_BY_NAME.has(record['status'] as string)) {
    return `unknown status ${JSON.stringify(record['status'])} (expected one of ${TM_STATUSES.join(', ')})`;
  }
  if (record['source'] === '') return 'empty "source"';
  return undefined;
}

/**
 * The canonical stored form of a valid entry (check it with `entryProblem` first): a new frozen
 * object with keys in `TmEntry` order, so `JSON.stringify` of it is the file line.
 */
export function canonicalEntry(valid: TmEntry, intern: Intern = noIntern): TmEntry {
  const created = intern(valid.created);
  const changed = valid.changed === valid.created ? created : intern(valid.changed);
  const entry: TmEntry = {
    source: valid.source,
    target: valid.target,
    origin: intern(valid.origin),
    status: STATUS_BY_NAME.get(valid.status) ?? valid.status,
    created,
    changed,
  };
  if (valid.findings && valid.findings.length > 0) {
    entry.findings = Object.freeze(valid.findings.map((f) => Object.freeze({ check: intern(f.check), severity: f.severity, message: f.message })));
  }
  return Object.freeze(entry);
}

const SEVERITIES = new Set(['error', 'warn', 'info']);

function findingsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return `field "findings" must be an array, found ${describe(value)}`;
  for (const [i, finding] of value.entries()) {
    const f = finding as Partial<TmFinding> | null;
    if (typeof f !== 'object' || f === null || typeof f.check !== 'string' || typeof f.message !== 'string' || !SEVERITIES.has(String(f.severity))) {
      return `findings[${i}] must be {"check", "severity": error|warn|info, "message"}, found ${describe(finding)}`;
    }
  }
  return undefined;
}

export function sameEntry(a: TmEntry, b: TmEntry): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.origin === b.origin &&
    a.status === b.status &&
    a.created === b.created &&
    a.changed === b.changed &&
    JSON.stringify(a.findings ?? []) === JSON.stringify(b.findings ?? [])
  );
}
