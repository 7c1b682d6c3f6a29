/**
 * Issue 12, failure 6: SIGTERM stops a busy command within 2 s. `review` and `xliff export` on a
 * 10,000-segment project are killed in the middle of their heaviest phase (fuzzy matching over the
 * TM at a low threshold: minutes of synchronous work) and end at once, writing nothing; `run` in its engine phase
 * finishes the requests in flight, saves the TM and exits 130; `run` signalled while it assembles
 * the bundles of a 20,000-segment project (seconds of synchronous work, now done in slices) keeps
 * what it received in the fsynced TM journal, writes no bundle and exits 130 within 2 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, cleanupProjects, makeProject, readTm } from '../helpers/project.js';
import { closeServers, configText, deeplEnv, documents, fakeDeepl, sentences, translateRequests } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

const LOCALES = ['en', 'kk', 'zh'];

/**
 * 10,000 sentences in 20 documents, half of them in the TM of every locale (the rest fuzzy-matched).
 * At a fuzzy threshold of 0.5 (the lowest allowed) the trigram count filter rules nothing out, so each query compares
 * thousands of sources: minutes of matching (at the default 0.75 the index answers in seconds).
 */
function largeProject(): string {
  const dir = makeProject({ 'pipeline.config.ts': configText({}, '\n  tm: { fuzzyThreshold: 0.5 },'), ...documents(10_000, 20) }, { link: false });
  mkdirSync(path.join(dir, 'tm'));
  const known = sentences(10_000).filter((_, i) => i % 2 === 0).sort();
  for (const locale of LOCALES) {
    const lines = known.map((source) => JSON.stringify({ source, target: `[${locale}] ${source}`, origin: 'engine:deepl', status: 'machine', created: '2026-01-01T00:00:00.000Z', changed: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(path.join(dir, 'tm', `ru-${locale}.jsonl`), `${lines.join('\n')}\n`);
  }
  return dir;
}

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the SIGTERM to the process's exit. */
  stopMs: number;
  stderr: string;
}

/** Spawns the CLI, sends SIGTERM once `ready()` (polled) holds, and measures how long it takes to end. */
function stopWhen(args: string[], cwd: string, env: Record<string, string>, ready: () => boolean): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const poll = setInterval(() => {
      if (sentAt === 0 && ready()) {
        sentAt = performance.now();
        child.kill('SIGTERM');
      }
    }, 50);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (sentAt === 0) reject(new Error(`exited before the signal was sent (code ${code}): ${stderr}`));
      else resolve({ code, signal, stopMs: performance.now() - sentAt, stderr });
    });
  });
}

const tempFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => path.basename(name).startsWith('.tilmash-tmp-'));

describe('signals at every moment', () => {
  it('SIGTERM to review and xliff export in their fuzzy-matching phase: ended within 2 s, nothing written', { timeout: 120_000 }, async () => {
    const dir = largeProject();
    for (const args of [['review'], ['xliff', 'export']]) {
      const started = performance.now();
      const stopped = await stopWhen(args, dir, {}, () => performance.now() - started > 6000);
      expect(stopped.signal ?? stopped.code, args.join(' ')).toBe('SIGTERM');
      expect(stopped.stopMs).toBeLessThan(2000);
      expect(stopped.stderr).not.toMatch(/internal error/);
    }
    expect(existsSync(path.join(dir, 'review.html'))).toBe(false);
    expect(existsSync(path.join(dir, 'xliff'))).toBe(false);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('SIGTERM to run in its engine phase: requests in flight land, the TM is saved, exit 130 within 2 s', { timeout: 120_000 }, async () => {
    const dir = makeProject({ 'pipeline.config.ts': configText({ batchSize: 10, concurrency: 2, requestsPerInterval: 50, intervalMs: 100 }), ...documents(600) }, { link: false });
    const fake = await fakeDeepl({ latencyMs: 100 });
    const stopped = await stopWhen(['run'], dir, deeplEnv(fake), () => translateRequests(fake).length >= 4);
    expect(stopped.code).toBe(130);
    expect(stopped.stopMs).toBeLessThan(2000);
    expect(stopped.stderr).toMatch(/Stopping: finishing requests in flight and saving/);
    const answered = translateRequests(fake).filter((r) => r.status === 200).flatMap((r) => r.form.text as string[]).length;
    const inTm = LOCALES.reduce((n, locale) => n + readTm(dir, locale, { missingIsEmpty: true }).length, 0);
    expect(inTm).toBe(answered);
    expect(readdirSync(path.join(dir, 'tm')).filter((name) => name.endsWith('.journal'))).toEqual([]);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('SIGTERM to run while it assembles the bundles: answers kept in the journal, no bundle written, exit 130 within 2 s; the next run completes', { timeout: 180_000 }, async () => {
    const count = 20_000;
    const dir = makeProject({ 'pipeline.config.ts': configText({ batchSize: 10, concurrency: 2, requestsPerInterval: 50, intervalMs: 100 }), ...documents(count, 40) }, { link: false });
    mkdirSync(path.join(dir, 'tm'));
    const all = sentences(count);
    const unknown = new Set(all.slice(0, 3)); // one request per locale, then the long assembly
    const known = all.filter((s) => !unknown.has(s)).sort();
    for (const locale of LOCALES) {
      const lines = known.map((source) => JSON.stringify({ source, target: `[${locale}] ${source}`, origin: 'engine:deepl', status: 'machine', created: '2026-01-01T00:00:00.000Z', changed: '2026-01-01T00:00:00.000Z' }));
      writeFileSync(path.join(dir, 'tm', `ru-${locale}.jsonl`), `${lines.join('\n')}\n`);
    }
    const fake = await fakeDeepl();
    let answeredAt = 0;
    const stopped = await stopWhen(['run'], dir, deeplEnv(fake), () => {
      if (answeredAt === 0 && translateRequests(fake).filter((r) => r.status === 200).length === LOCALES.length) answeredAt = performance.now();
      return answeredAt > 0 && performance.now() - answeredAt > 300; // the answers are recorded; the bundles are being assembled
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stopMs).toBeLessThan(2000);
    expect(stopped.stderr).toMatch(/Stopping: finishing requests in flight and saving/);
    expect(stopped.stderr).not.toMatch(/internal error/);
    expect(existsSync(path.join(dir, 'locales'))).toBe(false); // stopped inside the assembly: no bundle, no ledger
    // The three paid answers are in the journals (fsynced as they came); nothing half-written.
    for (const locale of LOCALES) expect(readFileSync(path.join(dir, 'tm', `ru-${locale}.journal`), 'utf8').trim().split('\n')).toHaveLength(unknown.size);
    expect(tempFiles(dir)).toEqual([]);
    // The next run folds them in and writes the bundles, sending nothing.
    const again = spawnSync(process.execPath, [CLI, 'run'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...deeplEnv(fake) }, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(translateRequests(fake).length).toBe(LOCALES.length);
    for (const locale of LOCALES) expect(readTm(dir, locale).length).toBe(count);
    expect(readdirSync(path.join(dir, 'tm')).filter((name) => name.endsWith('.journal'))).toEqual([]);
    expect(existsSync(path.join(dir, 'locales', 'provenance', 'en.json'))).toBe(true);
  });
});
