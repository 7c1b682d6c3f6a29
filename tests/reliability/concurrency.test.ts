/**
 * Issue 12, failure 4: one writer at a time, and saves that merge. A second writing command refuses
 * (exit 10) or, with --wait, waits for the project lock; a stale lock of a dead process is taken
 * over with a warning; and even without the lock a TM save never erases what another process
 * recorded. The scenarios: a run saving after a tm import, two runs started together,
 * staggered runs → 0 entries lost, 0 texts paid twice.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TranslationMemory } from '../../src/tm/index.js';
import type { TmEntry } from '../../src/tm/tm-entry.js';
import { cleanupProjects, readTm, runCli } from '../helpers/project.js';
import type { FakeDeepl } from '../helpers/fake-deepl-server.js';
import { closeServers, deeplEnv, fakeDeepl, reliabilityProject, sentences, translateRequests } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

const SENTENCES = 60;
const LOCALES = ['en', 'kk', 'zh'];

/** Resolves once the fake server has received a translate request: the run holds the lock and has opened the TM. */
async function firstRequest(fake: FakeDeepl): Promise<void> {
  while (translateRequests(fake).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

const entry = (source: string, target: string): TmEntry => ({ source, target, origin: 'human', status: 'translated', created: '2026-12-01T00:00:00.000Z', changed: '2026-12-01T00:00:00.000Z' });

/** A TMX with `count` units ru → en that the project's sources do not use (so a run never sends them). */
function tmxFile(dir: string, count: number): string {
  const units = Array.from({ length: count }, (_, i) => `    <tu><tuv xml:lang="ru"><seg>Импортированная строка номер ${i + 1}.</seg></tuv><tuv xml:lang="en"><seg>Imported line number ${i + 1}.</seg></tuv></tu>`);
  const file = path.join(dir, 'import.tmx');
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="OtherCAT" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ru" o-tmf="x"/>\n  <body>\n${units.join('\n')}\n  </body>\n</tmx>\n`);
  return file;
}

describe('saves merge with what is on disk (even without the lock)', () => {
  it('two TranslationMemory instances of one folder: each save keeps the other process’s entries', async () => {
    const dir = reliabilityProject(4);
    const tmDir = path.join(dir, 'tm');
    const a = await TranslationMemory.open(tmDir, 'ru');
    const b = await TranslationMemory.open(tmDir, 'ru');
    await a.record('en', [entry('Один.', 'One.')]);
    await b.record('en', Array.from({ length: 500 }, (_, i) => entry(`Строка ${i}.`, `Line ${i}.`)));
    await b.save();
    await a.record('en', [entry('Два.', 'Two.')]);
    await a.save(); // opened before b saved: must not erase b's 500
    const saved = readTm(dir, 'en').map((e) => e.source);
    expect(saved).toHaveLength(502);
    expect(saved).toContain('Один.');
    expect(saved).toContain('Строка 499.');
    const reopened = await TranslationMemory.open(tmDir, 'ru');
    expect(reopened.size('en')).toBe(502);
  });

  it('a run that opened the TM before a tm import saved keeps every imported entry', async () => {
    const dir = reliabilityProject(SENTENCES);
    const fake = await fakeDeepl({ latencyMs: 150 });
    const runner = runCli(['run'], dir, deeplEnv(fake));
    await firstRequest(fake);
    // Bypass the lock on purpose (in-process import of the same folder): the merge alone must hold.
    const tm = await TranslationMemory.open(path.join(dir, 'tm'), 'ru');
    await tm.record('en', Array.from({ length: 1000 }, (_, i) => entry(`Импорт ${i}.`, `Import ${i}.`)));
    await tm.save();
    const result = await runner;
    expect(result.code).toBe(0);
    const sources = new Set(readTm(dir, 'en').map((e) => e.source));
    for (let i = 0; i < 1000; i++) expect(sources.has(`Импорт ${i}.`)).toBe(true);
    for (const s of sentences(SENTENCES)) expect(sources.has(s)).toBe(true);
  });
});

describe('the project lock', () => {
  it('a tm import while a run holds the lock: refused with exit 10 naming the holder; with --wait it waits, and nothing is lost', async () => {
    const dir = reliabilityProject(SENTENCES);
    const tmx = tmxFile(dir, 2000);
    const fake = await fakeDeepl({ latencyMs: 200 });
    const runner = runCli(['run'], dir, deeplEnv(fake));
    await firstRequest(fake);
    const refused = await runCli(['tm', 'import', tmx], dir);
    expect(refused.code).toBe(10);
    expect(refused.stderr).toMatch(/\.tilmash\.lock: `tilmash run` \(pid \d+ on .+, started .+\) is writing this project\. Nothing was done\. Fix: .*--wait/);
    const waited = await runCli(['tm', 'import', tmx, '--wait=60'], dir);
    expect(waited.stderr).toMatch(/Waiting up to 60 s for `tilmash run`/);
    expect(waited.code).toBe(0);
    expect((await runner).code).toBe(0);
    const sources = new Set(readTm(dir, 'en').map((e) => e.source));
    expect(sources.size).toBe(2000 + SENTENCES);
  });

  it('two runs started together (--wait): every text paid once, both exit 0', async () => {
    const dir = reliabilityProject(SENTENCES);
    const fake = await fakeDeepl({ latencyMs: 30 });
    const [first, second] = await Promise.all([runCli(['run', '--wait'], dir, deeplEnv(fake)), runCli(['run', '--wait'], dir, deeplEnv(fake))]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const sent = translateRequests(fake).flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang)}\u0000${t}`));
    expect(sent).toHaveLength(new Set(sent).size); // 0 paid twice
    expect(sent).toHaveLength(LOCALES.length * SENTENCES);
  });

  it('staggered runs over a growing project: 0 entries lost, 0 paid twice', async () => {
    const dir = reliabilityProject(SENTENCES);
    const fake = await fakeDeepl({ latencyMs: 60 });
    const first = runCli(['run', '--wait'], dir, deeplEnv(fake));
    await firstRequest(fake);
    writeFileSync(path.join(dir, 'source', 'late.ru.txt'), 'Поздний документ\n\nЭтот абзац добавлен во время первого запуска.\n');
    const second = runCli(['run', '--wait'], dir, deeplEnv(fake));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = runCli(['run', '--wait'], dir, deeplEnv(fake));
    expect((await Promise.all([first, second, third])).map((r) => r.code)).toEqual([0, 0, 0]);
    const sent = translateRequests(fake).flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang)}\u0000${t}`));
    expect(sent).toHaveLength(new Set(sent).size);
    for (const locale of LOCALES) {
      const sources = new Set(readTm(dir, locale).map((e) => e.source));
      for (const s of sentences(SENTENCES)) expect(sources.has(s)).toBe(true);
      expect(sources.has('Этот абзац добавлен во время первого запуска.')).toBe(true);
    }
  });

  it('a stale lock of a dead process is taken over with a warning', async () => {
    const dir = reliabilityProject(4);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('close', resolve));
    writeFileSync(path.join(dir, '.tilmash.lock'), `${JSON.stringify({ pid: dead.pid, host: hostname(), command: 'run', started: '2026-12-01T00:00:00.000Z' })}\n`);
    const result = await runCli(['run'], dir);
    expect(result.stderr).toMatch(/warning: \.tilmash\.lock was left by `tilmash run` \(pid \d+ .*\), which is no longer running; taking it over/);
    expect(result.code).toBe(0);
  });

  it('reading commands never take the lock: status runs while a live process holds it; run refuses, --wait=1 gives up after 1 s', async () => {
    const dir = reliabilityProject(4);
    writeFileSync(path.join(dir, '.tilmash.lock'), `${JSON.stringify({ pid: process.pid, host: hostname(), command: 'run', started: '2026-12-01T00:00:00.000Z' })}\n`);
    expect((await runCli(['status'], dir)).code).toBe(0);
    expect((await runCli(['run'], dir)).code).toBe(10);
    const waited = await runCli(['run', '--wait=1'], dir);
    expect(waited.code).toBe(10);
    expect(waited.stderr).toMatch(/\(waited 1 s\)/);
  });
});
