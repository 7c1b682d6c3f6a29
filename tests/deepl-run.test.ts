/**
 * runJob and the CLI end to end with the DeepL adapter against the loopback fake server: minimal
 * requests, exact billing, retries through 429/5xx bursts, the rate cap, quota, a bad key, a killed
 * and an interrupted run, cost control, and the key never written anywhere.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { selectEngines } from '../src/engine/select-engine.js';
import type { JobReport } from '../src/job/job-report.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions, type RecordedRequest } from './helpers/fake-deepl-server.js';
import { CLI, cleanupProjects, listFiles, makeProject, readTm, runCli, snapshot } from './helpers/project.js';
import { maxInWindow } from './helpers/rate-window.js';

afterAll(cleanupProjects);
const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const KEY = 'sk-deepl-run-secret-0123456789abcdef:fx';
const NOW = () => new Date('2026-11-26T12:00:00.000Z');
const LOCALES = ['en', 'kk', 'zh'] as const;
const CODE: Record<string, string> = { en: 'EN-US', kk: 'KK', zh: 'ZH-HANS' };
const LOCALE_OF: Record<string, string> = { 'EN-US': 'en', KK: 'kk', 'ZH-HANS': 'zh' };

const WORDS = ['развитие', 'торговля', 'энергетика', 'транспорт', 'образование', 'наука', 'культура', 'сельское хозяйство', 'туризм', 'логистика', 'медицина', 'строительство'];
const CITIES = ['Астана', 'Алматы', 'Сиань', 'Пекин', 'Шымкент', 'Караганда', 'Актобе', 'Павлодар', 'Урумчи', 'Ланьчжоу'];

/** 120 distinct Russian sentences over 4 documents, 4 sentences per paragraph. */
function documents(): Record<string, string> {
  const sentences = Array.from({ length: 120 }, (_, i) => {
    const word = WORDS[i % WORDS.length] as string;
    const city = CITIES[Math.floor(i / WORDS.length) % CITIES.length] as string;
    return `В городе ${city} обсуждали тему «${word}» на заседании номер ${i + 1}.`;
  });
  const files: Record<string, string> = {};
  for (let d = 0; d < 4; d++) {
    const mine = sentences.slice(d * 30, d * 30 + 30);
    const paragraphs: string[] = [];
    for (let p = 0; p < mine.length; p += 4) paragraphs.push(mine.slice(p, p + 4).join(' '));
    files[`source/doc${d + 1}.ru.txt`] = `${paragraphs.join('\n\n')}\n`;
  }
  return files;
}

const ENGINE = { batchSize: 50, concurrency: 2, requestsPerInterval: 8, intervalMs: 200, timeoutMs: 2000, maxRetries: 8 };
/** The fake server echoes Russian (`[EN-US] …`): language and length checks would hold every key back. */
const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const plainConfig = (engine: Record<string, unknown> = ENGINE) => `export default {
  targets: { en: {}, kk: {}, zh: {} },
  qa: ${JSON.stringify(ECHO_QA)},
  engine: ${JSON.stringify(engine)},
};
`;

function project(engine: Record<string, unknown> = ENGINE): string {
  return makeProject({ 'pipeline.config.ts': plainConfig(engine), ...documents() }, { link: false });
}

/** zh answers in Han-looking brackets, others `[<code>] text`. */
const translate = (text: string, target: string) => (target === 'ZH-HANS' ? `「${text}」` : `[${target}] ${text}`);

async function server(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const s = await startFakeDeepl({ authKey: KEY, translate, ...options });
  servers.push(s);
  return s;
}

async function run(dir: string, fake: FakeDeepl, extra: { force?: boolean; signal?: AbortSignal; dryRun?: boolean; engine?: Record<string, unknown> } = {}): Promise<JobReport> {
  const config = resolveConfig({ targets: { en: {}, kk: {}, zh: {} }, qa: ECHO_QA, engine: extra.engine ?? ENGINE }, path.join(dir, 'pipeline.config.ts'));
  const engines = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
  try {
    return await runJob({
      config,
      engineFor: engines.engineFor,
      baseDelayMs: 10,
      now: NOW,
      ...(extra.force ? { force: true } : {}),
      ...(extra.dryRun ? { dryRun: true } : {}),
      ...(extra.signal ? { signal: extra.signal } : {}),
    });
  } finally {
    engines.close();
  }
}

const translateRequests = (fake: FakeDeepl) => fake.requests.filter((r) => r.path === '/v2/translate');
const answered = (fake: FakeDeepl) => translateRequests(fake).filter((r) => r.status === 200);
const localeOf = (r: RecordedRequest) => LOCALE_OF[String(r.form.target_lang).toUpperCase()] as string;
const textsOf = (r: RecordedRequest) => r.form.text as string[];
const codePoints = (texts: Iterable<string>) => [...texts].reduce((n, t) => n + [...t].length, 0);

/** `${locale}\u0000${text}` of every text of these requests. */
const sentKeys = (requests: readonly RecordedRequest[]) => requests.flatMap((r) => textsOf(r).map((t) => `${localeOf(r)}\u0000${t}`));


function expectBundlesParse(dir: string): void {
  for (const file of listFiles(dir, 'locales')) JSON.parse(readFileSync(path.join(dir, 'locales', file), 'utf8'));
  for (const locale of LOCALES) readTm(dir, locale, { missingIsEmpty: true });
}

describe('runJob with DeepL on the fake server', () => {
  it('sends the minimum of requests within the limits, bills exactly, records machine entries; a re-run sends nothing', async () => {
    const dir = project();
    const fake = await server();
    const report = await run(dir, fake);
    expect(report.failure).toBeUndefined();
    expect(report.engine).toBe('deepl');

    const requests = translateRequests(fake);
    let expectedRequests = 0;
    for (const locale of LOCALES) {
      const entry = report.locales.find((l) => l.locale === locale);
      const n = entry?.translated ?? 0;
      expect(n).toBeGreaterThanOrEqual(120);
      expect(entry?.missing).toBe(0);
      expectedRequests += Math.ceil(n / 50);
      const mine = requests.filter((r) => localeOf(r) === locale);
      const texts = mine.flatMap(textsOf);
      expect(new Set(texts).size).toBe(texts.length); // each distinct segment once
      expect(texts).toHaveLength(n);
      expect(entry?.billedCharacters).toBe(codePoints(texts));
      const tm = readTm(dir, locale);
      expect(tm.map((e) => e.source).sort()).toEqual([...texts].sort());
      for (const e of tm) expect(e).toMatchObject({ origin: 'engine:deepl', status: 'machine', target: translate(e.source as string, CODE[locale] as string) });
    }
    expect(requests).toHaveLength(expectedRequests);
    for (const r of requests) {
      expect(textsOf(r).length).toBeLessThanOrEqual(50);
      expect(r.bodyBytes).toBeLessThanOrEqual(128 * 1024);
      expect(r.status).toBe(200);
    }
    expect(report.locales.reduce((n, l) => n + l.billedCharacters, 0)).toBe(fake.billedCharacters());
    expect(existsSync(path.join(dir, 'locales', 'en', 'doc1.json'))).toBe(true);
    expectBundlesParse(dir);
    expect(readdirSync(path.join(dir, 'tm')).filter((f) => f.endsWith('.journal'))).toEqual([]);

    const before = snapshot(dir);
    const countBefore = fake.requests.length;
    const again = await run(dir, fake);
    expect(again.failure).toBeUndefined();
    expect(again.writtenFiles).toEqual([]);
    // No network at all when nothing changed (not even /v2/usage).
    expect(fake.requests.length).toBe(countBefore);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rides out bursts of 429 and 5xx: every segment once in the TM, retries reported', async () => {
    const dir = project();
    const fake = await server();
    fake.inject(
      { kind: 'status', status: 429 },
      { kind: 'status', status: 429, retryAfterSeconds: 0 },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 529 },
      { kind: 'reset' },
    );
    const report = await run(dir, fake);
    expect(report.failure).toBeUndefined();
    const stats = report.requests?.[0];
    expect(stats?.retries).toBeGreaterThanOrEqual(7);
    expect(stats?.rateLimited).toBeGreaterThanOrEqual(4);
    expect(stats?.requests).toBe(translateRequests(fake).length);
    for (const locale of LOCALES) {
      const sources = readTm(dir, locale).map((e) => e.source);
      expect(new Set(sources).size).toBe(sources.length);
      expect(report.locales.find((l) => l.locale === locale)?.missing).toBe(0);
      // Each text answered 200 exactly once.
      const texts = answered(fake).filter((r) => localeOf(r) === locale).flatMap(textsOf);
      expect(texts.sort()).toEqual([...sources].sort());
    }
  });

  it('rate: fixed never exceeds the configured request rate in any rolling window', async () => {
    const dir = project();
    // The fake server counts a request when its handler runs, in this process: on a loaded machine an
    // event-loop stall of a few hundred ms lets requests sent apart be counted together. A 600 ms
    // window keeps such stalls well inside it; the cap checked is the same.
    const engine = { ...ENGINE, rate: 'fixed', concurrency: 4, requestsPerInterval: 3, intervalMs: 600, batchSize: 10 };
    const fake = await server({ rateLimit: { requests: 3, perMs: 600 } });
    const report = await run(dir, fake, { engine });
    expect(report.failure).toBeUndefined();
    const times = translateRequests(fake).map((r) => r.at);
    expect(times.length).toBeGreaterThanOrEqual(36);
    expect(maxInWindow(times, 600)).toBeLessThanOrEqual(3);
    expect(translateRequests(fake).filter((r) => r.status === 429)).toEqual([]);
  });

  it('456 mid-run: engineQuota, all answered work kept; a resumed run sends only what was never received', async () => {
    const dir = project();
    const fake = await server({ characterLimit: 9000 });
    const report = await run(dir, fake, { force: true });
    expect(report.failure?.kind).toBe('engineQuota');
    expect(translateRequests(fake).some((r) => r.status === 456)).toBe(true);
    const got = answered(fake);
    expect(got.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const tm = readTm(dir, locale, { missingIsEmpty: true }).map((e) => e.source).sort();
      expect(tm).toEqual(got.filter((r) => localeOf(r) === locale).flatMap(textsOf).sort());
    }
    expectBundlesParse(dir);
    // Bundles hold only complete blocks: every value is a translation, never a Russian fallback.
    for (const file of listFiles(dir, 'locales/en')) {
      const bundle = JSON.parse(readFileSync(path.join(dir, 'locales/en', file), 'utf8')) as Record<string, string>;
      for (const value of Object.values(bundle)) expect(value.startsWith('[EN-US] ')).toBe(true);
    }
    expect(readdirSync(path.join(dir, 'tm')).filter((f) => f.endsWith('.journal'))).toEqual([]);

    const second = await server();
    const resumed = await run(dir, second);
    expect(resumed.failure).toBeUndefined();
    const first = new Set(sentKeys(got));
    const again = sentKeys(translateRequests(second));
    expect(again.filter((k) => first.has(k))).toEqual([]);
    // Nothing sent twice across both runs, and everything is translated now.
    const all = [...sentKeys(got), ...sentKeys(answered(second))];
    expect(new Set(all).size).toBe(all.length);
    for (const l of resumed.locales) expect(l.missing).toBe(0);
  });

  it('403: engineQuota naming the key, nothing translated', async () => {
    const dir = project();
    const fake = await startFakeDeepl({ authKey: 'another-key', translate });
    servers.push(fake);
    const report = await run(dir, fake);
    expect(report.failure?.kind).toBe('engineQuota');
    expect(report.failure?.message).toMatch(/key/i);
    expect(report.failure?.message).not.toContain(KEY);
    for (const l of report.locales) expect(l.translated).toBe(0);
    for (const locale of LOCALES) expect(readTm(dir, locale, { missingIsEmpty: true })).toEqual([]);
  });
});

describe('the CLI with DeepL on the fake server', () => {
  const env = (fake: FakeDeepl) => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });

  function spawnRun(dir: string, fake: FakeDeepl) {
    const child = spawn(process.execPath, [CLI, 'run', '--json'], {
      cwd: dir,
      env: { ...process.env, ...env(fake), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { child, done };
  }

  async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const slowEngine = { ...ENGINE, batchSize: 10, concurrency: 2, requestsPerInterval: 20, intervalMs: 200 };

  /** What a run received and made durable so far: the complete lines of its journals (a torn last line is not received). */
  function journaled(dir: string): Set<string> {
    return new Set(
      LOCALES.flatMap((locale) => {
        const file = path.join(dir, 'tm', `ru-${locale}.journal`);
        if (!existsSync(file)) return [];
        const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
        return lines.flatMap((l) => {
          try {
            return [`${locale}\u0000${(JSON.parse(l) as { source: string }).source}`];
          } catch {
            return []; // a torn last line: not received
          }
        });
      }),
    );
  }

  it('kill -9 and resume: no text answered 200 is ever sent again', async () => {
    const dir = project(slowEngine);
    const fake = await server({ latencyMs: 100 });
    const { child, done } = spawnRun(dir, fake);
    // Killed mid-run once it has made something durable (under CPU load the journal can trail the
    // server's answers by several requests, so waiting for answers alone could kill it too early).
    await until(() => answered(fake).length >= 3 && journaled(dir).size > 0, 60_000);
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    // What the killed run received and made durable: its journal (and TM files, untouched here).
    const received = journaled(dir);
    expect(received.size).toBeGreaterThan(0);
    const firstAnswered = answered(fake);

    const second = await server();
    const resumed = await runCli(['run', '--json'], dir, env(second));
    expect(resumed.code).toBe(0);
    const again = new Set(sentKeys(translateRequests(second)));
    // Nothing the first run received is sent again.
    expect([...received].filter((k) => again.has(k))).toEqual([]);
    // A request the server answered but whose answer the killed process never recorded was in
    // flight at the kill: it may be sent again. At most `concurrency` requests can be in that state.
    const answeredAgain = firstAnswered.filter((r) => sentKeys([r]).some((k) => again.has(k)));
    expect(answeredAgain.length).toBeLessThanOrEqual(slowEngine.concurrency);
    for (const r of answeredAgain) expect(sentKeys([r]).some((k) => received.has(k))).toBe(false);
    const report = JSON.parse(resumed.stdout) as JobReport;
    for (const l of report.locales) expect(l.missing).toBe(0);
    expect(readdirSync(path.join(dir, 'tm')).filter((f) => f.endsWith('.journal'))).toEqual([]);
  });

  it('SIGINT mid-run: exit 130, the TM holds everything answered, no journal left', async () => {
    const dir = project(slowEngine);
    const fake = await server({ latencyMs: 100 });
    const { child, done } = spawnRun(dir, fake);
    await until(() => answered(fake).length >= 2);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.failure?.kind).toBe('interrupted');
    for (const locale of LOCALES) {
      const tm = readTm(dir, locale, { missingIsEmpty: true }).map((e) => e.source).sort();
      expect(tm).toEqual(answered(fake).filter((r) => localeOf(r) === locale).flatMap(textsOf).sort());
    }
    expect(translateRequests(fake).length).toBeLessThan(39);
    expect(readdirSync(path.join(dir, 'tm')).filter((f) => f.endsWith('.journal'))).toEqual([]);
    expectBundlesParse(dir);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  });

  it('cost control: run refuses beyond the remaining quota, --force stops at 456, status and --dry-run show usage', async () => {
    const dir = project();
    const fake = await server({ characterLimit: 5000 });
    const outputs: string[] = [];

    const status = await runCli(['status', '--json'], dir, env(fake));
    outputs.push(status.stdout, status.stderr);
    expect(status.code).toBe(0);
    const plan = JSON.parse(status.stdout) as JobReport;
    expect(plan.usage?.[0]).toMatchObject({ engine: 'deepl', characterCount: 0, characterLimit: 5000, remaining: 5000 });
    expect(plan.usage?.[0]?.toBill).toBeGreaterThan(5000);

    const dry = await runCli(['run', '--dry-run', '--json'], dir, env(fake));
    outputs.push(dry.stdout, dry.stderr);
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as JobReport).usage?.[0]?.remaining).toBe(5000);
    expect(translateRequests(fake)).toEqual([]);

    const refused = await runCli(['run', '--json'], dir, env(fake));
    outputs.push(refused.stdout, refused.stderr);
    expect(refused.code).toBe(8);
    expect((JSON.parse(refused.stdout) as JobReport).failure?.kind).toBe('engineQuota');
    expect(translateRequests(fake)).toEqual([]);

    const forced = await runCli(['run', '--force', '--json'], dir, env(fake));
    outputs.push(forced.stdout, forced.stderr);
    expect(forced.code).toBe(8);
    expect(answered(fake).length).toBeGreaterThan(0);
    expect(translateRequests(fake).some((r) => r.status === 456)).toBe(true);
    expect(fake.billedCharacters()).toBeLessThanOrEqual(5000);

    // The key is nowhere: output, report, TM, bundles.
    for (const text of outputs) expect(text).not.toContain(KEY);
    for (const [file, state] of snapshot(dir)) {
      expect(Buffer.from(state.bytes, 'base64').toString('utf8'), file).not.toContain(KEY);
    }
  });
});

describe('engineLanguage checked against DeepL /v2/languages at plan time (issue 15)', () => {
  it("refuses engineLanguage 'KZ' before anything is sent or billed, naming the option and the fix; the list is asked once", async () => {
    const dir = makeProject({ 'pipeline.config.ts': `export default { targets: { kk: { engineLanguage: 'KZ' } }, qa: ${JSON.stringify(ECHO_QA)}, engine: ${JSON.stringify(ENGINE)} };\n`, ...documents() }, { link: false });
    const fake = await server();
    const before = snapshot(dir);
    const result = await runCli(['run', '--dry-run'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("targets.kk.engineLanguage: 'KZ' is not a target language of deepl (its list: /v2/languages?type=target); deepl translates into");
    expect(fake.requests.filter((r) => r.path === '/v2/languages')).toHaveLength(1);
    expect(translateRequests(fake)).toEqual([]);
    expect(fake.requests.filter((r) => r.path === '/v2/usage')).toEqual([]);
    expect(snapshot(dir)).toEqual(before);

    const close = makeProject({ 'pipeline.config.ts': `export default { targets: { en: { engineLanguage: 'EN' } }, qa: ${JSON.stringify(ECHO_QA)}, engine: ${JSON.stringify(ENGINE)} };\n`, ...documents() }, { link: false });
    const wrong = await runCli(['run'], close, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/targets\.en\.engineLanguage: 'EN' is not a target language of deepl .*; use 'EN-GB' or 'EN-US'\. Nothing was sent or billed\./u);
  });
});
