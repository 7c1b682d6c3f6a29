/**
 * Tiny helpers shared by the benchmarks: the CPU count, timers, medians, a deterministic PRNG,
 * forced GC and a plain-text table printer. Every benchmark reports ratios against a baseline
 * measured in the same run, alternating baseline and subject, so a noisy shared machine affects
 * both sides alike.
 */
import { execSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

/** The CPU count `nproc` reports, or Node's `availableParallelism()` where `nproc` is missing. */
export function nproc(): string {
  try {
    return execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(availableParallelism());
  }
}

/** Milliseconds since an arbitrary origin (monotonic, sub-millisecond). */
export function now(): number {
  return performance.now();
}

/** Runs `fn` once and returns its wall time in milliseconds and its result. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = now();
  const value = fn();
  return { ms: now() - start, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await fn();
  return { ms: now() - start, value };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Mulberry32: a small, fast, deterministic 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Whether the process runs with `--expose-gc`. */
export function canGc(): boolean {
  return typeof globalThis.gc === 'function';
}

/** Forces full garbage collections (no-op without `--expose-gc`). */
export function fullGc(): void {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return;
  for (let i = 0; i < 3; i++) gc();
}

/**
 * `heapUsed` in bytes after forced GCs. Each GC is followed by a turn of the event loop: a `gc()`
 * run synchronously right after a large allocation was seen to leave tens of MB of garbage counted
 * (pending finalisation and sweeping), which made deltas meaningless.
 */
export async function heapUsedAfterGc(): Promise<number> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return process.memoryUsage().heapUsed;
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

export function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** 1234567 → "1.23e6"; small numbers as plain rounded values. */
export function rate(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 1e4) return value.toExponential(2).replace('e+', 'e');
  return value.toFixed(0);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** Prints rows as an aligned plain-text table (first column left-aligned, the others right). */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number)))
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}
