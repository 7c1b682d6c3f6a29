/**
 * Engine answers kept in Redis until the submitting run has them in its TM: one hash per queue,
 * one field per protected segment (engine, language pair, format, glossary, context, method and the
 * wire texts, hashed). A worker writes a request's answers here before it does anything else with
 * them, so a worker killed afterwards loses nothing received, and the job's retry (or a later run
 * with the same segment) reuses them instead of paying again. The run deletes them once recorded.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TranslatedSegment } from '../../engine/translation-engine.js';

export function answerField(parts: ReadonlyArray<string | undefined>, wire: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of [...parts, ...wire]) hash.update(`${part ?? ''}\u0000`);
  return hash.digest('hex').slice(0, 40);
}

export class AnswerStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** The stored answers of each field, or undefined where none is stored. */
  async get(fields: readonly string[]): Promise<Array<TranslatedSegment[] | undefined>> {
    if (fields.length === 0) return [];
    const values = await this.redis.hmget(this.key, ...fields);
    return values.map((v) => (v === null ? undefined : (JSON.parse(v) as TranslatedSegment[])));
  }

  /** Resolves once Redis has them (written with the append-only file when Redis runs with it). */
  async put(answers: ReadonlyMap<string, readonly TranslatedSegment[]>): Promise<void> {
    if (answers.size === 0) return;
    await this.redis.hset(this.key, Object.fromEntries([...answers].map(([field, value]) => [field, JSON.stringify(value)])));
  }

  async delete(fields: readonly string[]): Promise<void> {
    if (fields.length > 0) await this.redis.hdel(this.key, ...fields);
  }
}
