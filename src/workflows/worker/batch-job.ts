/**
 * What travels through the queue: a batch of one locale's missing segments (with their protection
 * methods), and what a worker returns for it. No secret is ever part of either: the engine's key
 * comes from each worker's own environment.
 */
import { createHash } from 'node:crypto';
import type { ProtectionMethod, Syntax } from '../../protect/protect-types.js';
import type { RateLimit } from '../../queue/redis/global-rate.js';

export interface BatchJobItem {
  source: string;
  syntax: Syntax;
  context?: string;
  methods: ProtectionMethod[];
  attempt: number;
  earlier: string[];
}

export interface BatchJobData {
  /** Bumped when the format changes: a worker refuses a job it does not understand. */
  v: 1;
  engineId: string;
  locale: string;
  sourceLanguage: string;
  engineLanguage: string;
  format: 'text' | 'xml';
  glossaryId?: string;
  doNotTranslate: string[];
  /** The account's limit, from the submitting run's config: the same for every worker. */
  rate: RateLimit;
  maxRetries: number;
  baseDelayMs: number;
  items: BatchJobItem[];
}

export interface BatchResultItem {
  source: string;
  text: string;
  problems: string[];
  earlier: string[];
  methods: ProtectionMethod[];
  /** Characters billed for the answers kept (also when they were stored by an earlier attempt). */
  billed: number;
}

export interface BatchJobResult {
  items: BatchResultItem[];
  /** Answer fields in the store, deleted by the run once its TM holds the items. */
  fields: string[];
  /** Characters billed, rejected answers included. */
  billed: number;
  /** Requests sent (retries included), of them answered 429, and answers reused from the store. */
  requests: number;
  /** Of those, sent again after a retryable failure. */
  retries: number;
  rateLimited: number;
  reused: number;
  /** Items sent again with their next protection method. */
  retried: number;
}

/** Same batch, same id: a run that starts again finds the batch (and its answers) it left. */
export function batchJobId(data: BatchJobData): string {
  return `b${createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 40)}`;
}

/** A failed job's reason starts with the failure kind the run reports: `engineQuota: …`, `engine: …`. */
export function failureOf(reason: string): { kind: 'engineQuota' | 'engine'; message: string } {
  const match = /^(engineQuota|engine): ([\s\S]*)$/.exec(reason);
  return match ? { kind: match[1] as 'engineQuota' | 'engine', message: match[2] as string } : { kind: 'engine', message: reason };
}
