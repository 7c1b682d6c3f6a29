/**
 * Fuzzy suggestions from the shared TM in PostgreSQL at 10^6 entries (ru→en): p50/p95 of
 * `PgTmStore.fuzzy` (word-bigram candidates, rescored by the file TM's similarity) against the
 * baseline of the same run, an exact primary-key lookup over the same connection (the round trip's
 * floor). Target: fuzzy p95 ≤ 20 ms. Half the queries are an entry with a few character edits (its
 * original must be found), half are new sentences; two smaller sets, outside the target's figures,
 * edit every third / every second word. Every answer is then scored against the exact one (the file
 * TM's similarity over all entries, brute force): recall, identical answers.
 *
 * The server: TILMASH_BENCH_PG_URL, else TILMASH_TEST_PG_URL, else the default test role. No server:
 * the benchmark says it was skipped and exits 0. The entries are built once in the database
 * `tilmash_bench` (kept between runs; `--rebuild` builds it again).
 *
 *   node dist/bench/pg-fuzzy-bench.js [--entries 1000000] [--queries 100] [--rebuild]
 */
import pg from 'pg';
import { PgTmStore } from '../src/tm/postgres/pg-tm-store.js';
import { redactUrl } from '../src/tm/postgres/pg-url.js';
import { similarity } from '../src/tm/fuzzy-match.js';
import { boundedLevenshtein, foldForMatch } from '../src/tm/fuzzy-distance.js';
import { sourceHash } from '../src/tm/postgres/pg-rows.js';
import type { TmEntry } from '../src/tm/tm-entry.js';
import { now, prng } from './measure.js';
import { russianSentence } from './synthetic-text.js';

const TARGET_P95_MS = 20;
const THRESHOLD = 0.75;
const LIMIT = 3;
/** Untimed queries first: the fuzzy connection's setup and the statement's preparation. */
const WARMUP = 3;
const BASE = process.env['TILMASH_BENCH_PG_URL'] || process.env['TILMASH_TEST_PG_URL'] || 'postgres://tilmash:tilmash@127.0.0.1:5432/tilmash_test';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function benchUrl(): string {
  const url = new URL(BASE);
  url.pathname = '/tilmash_bench';
  return url.toString();
}

/** Creates the bench database when missing; false when no server answers. */
async function ensureDatabase(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const { rows } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'tilmash_bench'`);
    if (rows.length === 0) await client.query('CREATE DATABASE tilmash_bench');
    return true;
  } finally {
    await client.end();
  }
}

function sources(count: number): string[] {
  const random = prng(17);
  const unique = new Set<string>();
  while (unique.size < count) unique.add(russianSentence(random));
  return [...unique];
}

/** Loads `all` as ru→en entries (indexes dropped during the load, then built once), unless already there. */
async function build(url: string, all: string[], rebuild: boolean): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const store = await PgTmStore.open(url, '/nonexistent/tm', 'ru'); // creates (or migrates) the tables
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM tilmash_tm_entries WHERE source_lang = 'ru' AND target_lang = 'en'`);
    const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname IN ('tilmash_tm_entries_folded_trgm', 'tilmash_tm_grams_gram')`);
    if (!rebuild && Number(rows[0]?.n) === all.length && index.rows.length === 2) {
      await store.close();
      return 0;
    }
    const started = now();
    if (!rebuild && Number(rows[0]?.n) === all.length) {
      await buildIndexes(client); // the entries are there; a killed build left no index
      await store.close();
      return (now() - started) / 1000;
    }
    // The bench database holds only these entries: emptied at once (a DELETE would run the grams trigger per row).
    await client.query('TRUNCATE tilmash_tm_entries, tilmash_tm_grams');
    await client.query('DROP INDEX IF EXISTS tilmash_tm_entries_folded_trgm');
    await client.query('DROP INDEX IF EXISTS tilmash_tm_grams_gram');
    const stamp = '2026-12-01T00:00:00.000Z';
    for (let i = 0; i < all.length; i += 5000) {
      const entries: TmEntry[] = all.slice(i, i + 5000).map((source) => ({ source, target: `EN ${source.length}`, origin: 'engine:deepl', status: 'machine', created: stamp, changed: stamp }));
      await store.record('en', entries);
    }
    await store.close();
    await buildIndexes(client);
    return (now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** The indexes of schema steps 1 and 3 that the load went without (same definitions). */
async function buildIndexes(client: pg.Client): Promise<void> {
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query('CREATE INDEX IF NOT EXISTS tilmash_tm_entries_folded_trgm ON tilmash_tm_entries USING gin (folded gin_trgm_ops)');
  await client.query('CREATE INDEX IF NOT EXISTS tilmash_tm_grams_gram ON tilmash_tm_grams (gram, len, entry)');
  await client.query('VACUUM ANALYZE tilmash_tm_entries');
  await client.query('VACUUM ANALYZE tilmash_tm_grams'); // index-only scans need the visibility map
}

/**
 * The exact answer, as the file TM's `similarity` defines it: every entry within the length bounds
 * compared with the query (bounded Levenshtein), those ≥ threshold, best first, ties by source.
 */
function exactBest(all: readonly string[], folded: readonly string[], query: string, limit: number): string[] {
  const q = foldForMatch(query);
  const normalized = query.normalize('NFC');
  const low = Math.ceil(q.length * THRESHOLD - 1e-9);
  const high = Math.floor(q.length / THRESHOLD + 1e-9);
  const found: Array<{ source: string; value: number }> = [];
  for (let i = 0; i < all.length; i++) {
    const f = folded[i] as string;
    if (f.length < low || f.length > high) continue;
    const longest = Math.max(q.length, f.length);
    const max = Math.floor((1 - THRESHOLD) * longest + 1e-9);
    if (boundedLevenshtein(q, f, max) > max) continue;
    const source = all[i] as string;
    if (source.normalize('NFC') === normalized) continue;
    found.push({ source, value: similarity(query, source) });
  }
  found.sort((a, b) => b.value - a.value || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return found.slice(0, limit).map((m) => m.source);
}

/** `text` with `edits` random character substitutions. */
function perturb(text: string, edits: number, random: () => number): string {
  const chars = [...text];
  for (let i = 0; i < edits; i++) chars[Math.floor(random() * chars.length)] = 'абвгдеёжзийклмнопрстуфхцчшщыэюя'[Math.floor(random() * 32)] as string;
  return chars.join('');
}

/** `text` with one character substituted in every `every`-th word of 3+ letters (from the second): edits spread over the sentence. */
function scatter(text: string, every: number, random: () => number): string {
  return text
    .split(' ')
    .map((word, i) => {
      if (i % every !== 1 || word.length < 3) return word;
      const at = 1 + Math.floor(random() * (word.length - 2));
      return word.slice(0, at) + 'ъ' + word.slice(at + 1);
    })
    .join(' ');
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface Case {
  query: string;
  /** The entry the query was made from, when it was. */
  original?: string;
  matches: string[];
  ms: number;
}

async function timed(store: PgTmStore, query: string, original?: string): Promise<Case> {
  const t = now();
  const matches = await store.fuzzy('en', query, THRESHOLD, LIMIT);
  return { query, matches: matches.map((m) => m.source), ms: now() - t, ...(original === undefined ? {} : { original }) };
}

/** The cases scored against the exact answers (after the timed part: their work and garbage stay out of the timings). */
function scored(cases: readonly Case[], all: readonly string[], folded: readonly string[]): string {
  let originals = 0;
  let found = 0;
  let expected = 0;
  let recalled = 0;
  let same = 0;
  let extra = 0;
  for (const { query, original, matches } of cases) {
    if (original !== undefined && similarity(query, original) >= THRESHOLD && query !== original) {
      originals++;
      if (matches.includes(original)) found++;
    }
    const exact = exactBest(all, folded, query, LIMIT);
    expected += exact.length;
    recalled += matches.filter((m) => exact.includes(m)).length;
    extra += matches.filter((m) => !exact.includes(m)).length;
    if (matches.join('\n') === exact.join('\n')) same++;
  }
  const share = expected > 0 ? ` (${((100 * recalled) / expected).toFixed(1)} %)` : '';
  return `entries edited found ${found}/${originals}; recall against the exact answer (file TM similarity over all ${all.length} entries, top ${LIMIT}) ${recalled}/${expected} suggestions${share}; answer identical in ${same}/${cases.length} queries; suggestions not in the exact answer: ${extra}`;
}

export async function main(): Promise<void> {
  const count = arg('entries', 1_000_000);
  const queries = arg('queries', 100);
  if (!(await ensureDatabase())) {
    console.log(`PostgreSQL fuzzy benchmark: skipped (no PostgreSQL server at ${redactUrl(BASE)}; README, Development, says how to start one).`);
    return;
  }
  const url = benchUrl();
  const all = sources(count);
  const buildSeconds = await build(url, all, process.argv.includes('--rebuild'));
  const random = prng(99);
  const store = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { fuzzyTimeoutMs: 0 }); // measured uncapped
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined); // a server restart mid-run fails the next query instead
  const exactMs: number[] = [];
  for (let w = 0; w < WARMUP; w++) await store.fuzzy('en', russianSentence(prng(1000 + w)), THRESHOLD, LIMIT); // connection, prepared statement
  const cases: Case[] = [];
  for (let q = 0; q < queries; q++) {
    const original = all[Math.floor(random() * all.length)] as string;
    cases.push(q % 2 === 0 ? await timed(store, perturb(original, 1 + Math.floor(random() * 3), random), original) : await timed(store, russianSentence(random)));
    const t = now();
    await pool.query(`SELECT target FROM tilmash_tm_entries WHERE source_lang = 'ru' AND target_lang = 'en' AND source_hash = decode($1, 'hex')`, [sourceHash(original)]);
    exactMs.push(now() - t);
  }
  // Harder, outside the target's figures: one edit in every third / every second word (few or no word bigrams left).
  const spread: Case[][] = [[], []];
  for (let q = 0; q < Math.ceil(queries / 4); q++) {
    for (const [k, every] of [3, 2].entries()) {
      const original = all[Math.floor(random() * all.length)] as string;
      (spread[k] as Case[]).push(await timed(store, scatter(original, every, random), original));
    }
  }
  await store.close();
  await pool.end();
  const fuzzyMs = cases.map((c) => c.ms);
  const p95 = percentile(fuzzyMs, 95);
  const folded = all.map(foldForMatch);
  console.log(`PostgreSQL fuzzy benchmark: ${count} entries (ru→en) in ${redactUrl(url)}${buildSeconds > 0 ? `, built in ${buildSeconds.toFixed(0)} s` : ', reused'}; ${queries} queries (after ${WARMUP} untimed), threshold ${THRESHOLD}`);
  console.log(`  fuzzy (word-bigram B-tree + edit similarity): p50 ${percentile(fuzzyMs, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...fuzzyMs).toFixed(2)} ms`);
  console.log(`  baseline exact lookup (primary key):   p50 ${percentile(exactMs, 50).toFixed(2)} ms, p95 ${percentile(exactMs, 95).toFixed(2)} ms; fuzzy p95 = ${(p95 / percentile(exactMs, 95)).toFixed(1)}× the exact p95`);
  console.log(`  half 1–3 characters edited, half new: ${scored(cases, all, folded)}`);
  for (const [k, every] of [3, 2].entries()) {
    const set = spread[k] as Case[];
    const ms = set.map((c) => c.ms);
    console.log(`  not in the target's figures, one edit in every ${every === 3 ? 'third' : 'second'} word (${set.length} queries, p50 ${percentile(ms, 50).toFixed(2)} ms): ${scored(set, all, folded)}`);
  }
  console.log(`  fuzzy p95 ≤ ${TARGET_P95_MS} ms at ${count} entries: ${p95 <= TARGET_P95_MS ? 'YES' : 'NO'}`);
}

await main();
