import type { EngineLimits } from '../engine/translation-engine.js';
import type { MissingSegment } from './plan-job.js';

/** Bytes a segment adds to a form-encoded request body (`text=…&`), as DeepL receives it. */
export function encodedBytes(segment: { source: string }): number {
  return encodeURIComponent(segment.source).length + 6;
}

/** Room kept in every request for the other form fields (languages, options). */
const REQUEST_OVERHEAD_BYTES = 1024;

export interface Batches {
  batches: MissingSegment[][];
  /** Segments that do not fit in one request even alone: reported, never sent to fail. */
  oversized: MissingSegment[];
}

/**
 * Packs segments in order into requests within the engine's count and byte limits. Greedy in order,
 * which is optimal for the count limit and within one request of optimal for the byte limit.
 */
export function makeBatches(segments: readonly MissingSegment[], limits: EngineLimits, batchSize: number): Batches {
  const maxCount = Math.min(batchSize, limits.maxSegmentsPerRequest);
  // One joined context per request, within its own budget (the adapter enforces it).
  const maxBytes = limits.maxRequestBytes - REQUEST_OVERHEAD_BYTES - (limits.maxContextBytes ?? 0);
  const batches: MissingSegment[][] = [];
  const oversized: MissingSegment[] = [];
  let current: MissingSegment[] = [];
  let bytes = 0;
  for (const segment of segments) {
    if (segment.source.trim() === '') continue; // engines reject empty texts; nothing to translate
    const size = encodedBytes(segment);
    if (size > maxBytes) {
      oversized.push(segment);
      continue;
    }
    if (current.length === maxCount || bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(segment);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}
