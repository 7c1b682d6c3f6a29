import type { EngineLimits } from '../engine/translation-engine.js';

/** Something to send: one or more texts that must travel in the same request (a split segment's runs). */
export interface WireItem {
  wire: readonly string[];
}

/** Bytes a text adds to a form-encoded request body (`text=…&`), as DeepL receives it. */
function encodedBytes(text: string): number {
  return encodeURIComponent(text).length + 6;
}

/** Room kept in every request for the other form fields (languages, options). */
const REQUEST_OVERHEAD_BYTES = 1024;

export interface Batches<T> {
  batches: T[][];
  /** Items that do not fit in one request even alone: reported, never sent to fail. */
  oversized: T[];
}

/**
 * Packs items in order into requests within the engine's count and byte limits (an item's texts
 * stay together). Greedy in order, which is optimal for the count limit and within one request of
 * optimal for the byte limit. Items without texts are skipped: there is nothing to send.
 */
export function makeBatches<T extends WireItem>(items: readonly T[], limits: EngineLimits, batchSize: number): Batches<T> {
  const maxCount = Math.min(batchSize, limits.maxSegmentsPerRequest);
  // One joined context per request, within its own budget (the adapter enforces it).
  const maxBytes = limits.maxRequestBytes - REQUEST_OVERHEAD_BYTES - (limits.maxContextBytes ?? 0);
  const batches: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let count = 0;
  let bytes = 0;
  // Engines that count tokens (LLMs) also cap the tokens of a request's texts.
  const maxTokens = limits.countTokens ? (limits.maxRequestTokens ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  let tokens = 0;
  for (const item of items) {
    if (item.wire.length === 0) continue;
    const size = item.wire.reduce((n, text) => n + encodedBytes(text), 0);
    const cost = limits.countTokens ? item.wire.reduce((n, text) => n + (limits.countTokens as (t: string) => number)(text), 0) : 0;
    if (size > maxBytes || item.wire.length > maxCount || cost > maxTokens) {
      oversized.push(item);
      continue;
    }
    if (count + item.wire.length > maxCount || bytes + size > maxBytes || tokens + cost > maxTokens) {
      batches.push(current);
      current = [];
      count = 0;
      bytes = 0;
      tokens = 0;
    }
    current.push(item);
    count += item.wire.length;
    bytes += size;
    tokens += cost;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}
