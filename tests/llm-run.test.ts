/**
 * runJob and the CLI with per-locale engine chains against the fake DeepL and fake OpenAI-compatible
 * servers: `kk: ['llm'], en: ['deepl', 'llm']` end to end, a DeepL 456 mid-run handing en to the
 * LLM, every LLM fault survived with nothing paid twice, fallback on QA, kill -9 and resume,
 * tokens reported and estimated, the key nowhere.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { selectEngines } from '../src/engine/select-engine.js';
import type { JobReport } from '../src/job/job-report.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions } from './helpers/fake-deepl-server.js';
import { fakeTranslation, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions, type OpenAiFault, type RecordedCompletion } from './helpers/fake-openai-server.js';
import { CLI, cleanupProjects, makeProject, readTm, runCli, snapshot } from './helpers/project.js';

afterAll(cleanupProjects);
const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((s) => s.close()));
});

const DEEPL_KEY = 'deepl-llm-run-secret-0123456789:fx';
const OPENAI_KEY = 'sk-llm-run-secret-abcdef0123456789';
const NOW = () => new Date('2026-12-01T12:00:00.000Z');
const MODEL = 'gpt-4o-mini';
const LLM_ID = `engine:llm:${MODEL}`;

const WORDS = ['развитие', 'торговля', 'энергетика', 'транспорт', 'образование', 'наука', 'культура', 'туризм'];
const CITIES = ['Астана', 'Алматы', 'Сиань', 'Пекин', 'Шымкент'];
/** 40 distinct Russian sentences in 2 documents, 4 per paragraph. */
function documents(): Record<string, string> {
  const sentences = Array.from({ length: 40 }, (_, i) => `В городе ${CITIES[i % CITIES.length]} обсуждали тему «${WORDS[i % WORDS.length]}» на заседании номер ${i + 1}.`);
  const files: Record<string, string> = {};
  for (let d = 0; d < 2; d++) {
    const mine = sentences.slice(d * 20, d * 20 + 20);
    const paragraphs: string[] = [];
    for (let p = 0; p < mine.length; p += 4) paragraphs.push(mine.slice(p, p + 4).join(' '));
    files[`source/doc${d + 1}.ru.txt`] = `${paragraphs.join('\n\n')}\n`;
  }
  return files;
}

/** Fake DeepL echoes Russian for en with a prefix; its language would fail QA, so those checks are off. */
const QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const QUEUE = { batchSize: 10, concurrency: 2, requestsPerInterval: 20, intervalMs: 100, timeoutMs: 2000, maxRetries: 6 };
const TARGETS = { kk: { engine: ['llm'] }, en: { engine: ['deepl', 'llm'] } };

function configOf(fakeLlm: FakeOpenAi, extra: { targets?: unknown; llm?: Record<string, unknown>; engine?: Record<string, unknown>; glossary?: string } = {}) {
  return {
    ...(extra.glossary ? { glossary: extra.glossary } : {}),
    targets: extra.targets ?? TARGETS,
    qa: QA,
    engine: { ...QUEUE, ...extra.engine, llm: { baseURL: fakeLlm.baseURL, model: MODEL, segmentsPerRequest: 10, timeoutMs: 1000, pricePerMillionTokens: { input: 0.15, output: 0.6 }, ...extra.llm } },
  };
}

async function fakes(deepl: FakeDeeplOptions = {}, llm: FakeOpenAiOptions = {}): Promise<{ deepl: FakeDeepl; llm: FakeOpenAi }> {
  const d = await startFakeDeepl({ authKey: DEEPL_KEY, ...deepl });
  const l = await startFakeOpenAi({ apiKey: OPENAI_KEY, ...llm });
  closers.push(d, l);
  return { deepl: d, llm: l };
}

async function run(dir: string, servers: { deepl: FakeDeepl; llm: FakeOpenAi }, extra: Parameters<typeof configOf>[1] & { dryRun?: boolean } = {}): Promise<JobReport> {
  const config = resolveConfig(configOf(servers.llm, extra), path.join(dir, 'pipeline.config.ts'));
  const engines = selectEngines(config, { DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: servers.deepl.url, OPENAI_API_KEY: OPENAI_KEY });
  try {
    return await runJob({ config, enginesFor: engines.enginesFor, baseDelayMs: 5, now: NOW, ...(extra.dryRun ? { dryRun: true } : {}) });
  } finally {
    engines.close();
  }
}

const project = () => makeProject(documents(), { link: false });
/** The texts of completions answered 200 with a valid answer for `target` (a fault's 200 is not valid). */
const segmentsOf = (completions: readonly RecordedCompletion[]) => completions.flatMap((c) => c.segments.map((s) => s.text));
const deeplTexts = (fake: FakeDeepl) => fake.translateRequests().filter((r) => r.status === 200).flatMap((r) => r.form.text as string[]);
const sorted = (texts: Iterable<string>) => [...texts].sort();

describe('engine chains on the fake servers', () => {
  it("targets { kk: ['llm'], en: ['deepl', 'llm'] }: kk by the LLM, en by DeepL, origins recorded, tokens reported; a re-run sends nothing", async () => {
    const dir = makeProject({ ...documents(), 'glossary.json': JSON.stringify({ terms: [{ ru: 'Пекин', en: 'Beijing', kk: 'Пекин' }] }) }, { link: false });
    const servers = await fakes();
    const report = await run(dir, servers, { glossary: 'glossary.json' });
    expect(report.failure).toBeUndefined();
    expect(report.engine).toBe(`llm:${MODEL}, deepl`);
    expect(report.fallbacks).toBeUndefined();
    const kk = readTm(dir, 'kk');
    const en = readTm(dir, 'en');
    expect(kk).toHaveLength(40);
    expect(en).toHaveLength(40);
    for (const e of kk) expect(e).toMatchObject({ origin: LLM_ID, status: 'machine', target: fakeTranslation(e.source as string, 'Kazakh') });
    for (const e of en) expect(e).toMatchObject({ origin: 'engine:deepl', status: 'machine' });
    // kk only went to the LLM, 10 segments a request, each segment once.
    expect(servers.llm.completions.every((c) => c.target === 'Kazakh' && c.status === 200)).toBe(true);
    expect(servers.llm.completions).toHaveLength(4);
    expect(sorted(segmentsOf(servers.llm.completions))).toEqual(sorted(kk.map((e) => e.source as string)));
    expect(sorted(deeplTexts(servers.deepl))).toEqual(sorted(en.map((e) => e.source as string)));
    // The glossary: its kk term travels in the prompts of the batches where it occurs, and only there.
    for (const c of servers.llm.completions) {
      const payload = JSON.parse(c.body.messages?.at(-1)?.content ?? '{}') as { terms?: Record<string, string> };
      expect(payload.terms).toEqual(c.segments.some((s) => s.text.includes('Пекин')) ? { Пекин: 'Пекин' } : undefined);
    }
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Tokens as the server counted them, priced.
    const usage = servers.llm.usage();
    expect(report.tokens).toEqual([
      { engine: `llm:${MODEL}`, locale: 'kk', promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, requests: 4, estimated: false, cost: expect.any(Number) as number },
    ]);
    expect(report.tokens?.[0]?.cost).toBeCloseTo((usage.promptTokens * 0.15 + usage.completionTokens * 0.6) / 1e6, 6);
    const kkReport = report.locales.find((l) => l.locale === 'kk');
    expect(kkReport).toMatchObject({ translated: 40, missing: 0, billedCharacters: 0 });
    expect(JSON.parse(readFileSync(path.join(dir, 'locales/kk/doc1.json'), 'utf8'))).toBeTypeOf('object');

    const before = snapshot(dir);
    const count = servers.llm.requests.length + servers.deepl.requests.length;
    const again = await run(dir, servers, { glossary: 'glossary.json' });
    expect(again.failure).toBeUndefined();
    expect(again.writtenFiles).toEqual([]);
    expect(servers.llm.requests.length + servers.deepl.requests.length).toBe(count);
    expect(snapshot(dir)).toEqual(before);

    // Nothing new: no engine is even built, so a config without the model (and no OPENAI_MODEL) still runs.
    const bare = resolveConfig({ glossary: 'glossary.json', targets: TARGETS, qa: QA, engine: QUEUE }, path.join(dir, 'pipeline.config.ts'));
    const noModel = await runJob({ config: bare, enginesFor: selectEngines(bare, {}).enginesFor, now: NOW });
    expect(noModel.failure).toBeUndefined();
    expect(noModel.writtenFiles).toEqual([]);
  });

  it('a DeepL 456 mid-run hands en to the LLM and the run completes: no failure, the fallback recorded, nothing paid twice', async () => {
    const dir = project();
    // Enough quota for the usage check to pass on part of en only: DeepL answers 456 mid-run.
    const servers = await fakes({ characterLimit: 1200 });
    const report = await run(dir, servers);
    expect(report.failure).toBeUndefined();
    expect(servers.deepl.translateRequests().some((r) => r.status === 456)).toBe(true);
    const byDeepl = deeplTexts(servers.deepl);
    expect(byDeepl.length).toBeGreaterThan(0);
    expect(byDeepl.length).toBeLessThan(40);
    const en = readTm(dir, 'en');
    expect(en).toHaveLength(40);
    const llmEn = servers.llm.completions.filter((c) => c.target === 'American English');
    // What DeepL translated never went to the LLM, and the LLM got exactly the rest.
    expect(sorted([...byDeepl, ...segmentsOf(llmEn)])).toEqual(sorted(en.map((e) => e.source as string)));
    for (const e of en) expect(e.origin).toBe(byDeepl.includes(e.source as string) ? 'engine:deepl' : LLM_ID);
    expect(report.fallbacks).toEqual([{ locale: 'en', from: 'deepl', to: `llm:${MODEL}`, segments: 40 - byDeepl.length, reason: expect.stringMatching(/not translated: deepl: .*quota/) as string }]);
    expect(report.locales.find((l) => l.locale === 'en')).toMatchObject({ translated: 40, missing: 0, billedCharacters: servers.deepl.billedCharacters() });
    expect(report.tokens?.map((t) => t.locale).sort()).toEqual(['en', 'kk']);
  });

  it('survives every LLM fault: 429 with retry-after, 500, 503, a hang, malformed JSON, a missing and an extra id, Russian left, the wrong script', async () => {
    const dir = project();
    const servers = await fakes();
    const faults: OpenAiFault[] = [
      { kind: 'status', status: 429, retryAfterSeconds: 0 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'hang' },
      { kind: 'malformed-json' },
      { kind: 'missing-id' },
      { kind: 'extra-id' },
      { kind: 'untranslated' },
      { kind: 'wrong-script' },
    ];
    servers.llm.inject(...faults);
    const report = await run(dir, servers, { targets: { kk: { engine: 'llm' } }, engine: { concurrency: 1 } });
    expect(report.failure).toBeUndefined();
    const kk = readTm(dir, 'kk');
    expect(kk).toHaveLength(40);
    for (const e of kk) expect(e).toMatchObject({ origin: LLM_ID, status: 'machine', target: fakeTranslation(e.source as string, 'Kazakh') });
    const completions = servers.llm.completions;
    expect(completions).toHaveLength(4 + faults.length);
    expect(report.requests?.[0]).toMatchObject({ requests: 4 + faults.length, retries: faults.length, rateLimited: 1 });
    // Each segment got exactly one good answer; bad answers were paid but never recorded, and are counted.
    const good = completions.slice(faults.length);
    expect(sorted(segmentsOf(good))).toEqual(sorted(kk.map((e) => e.source as string)));
    const usage = servers.llm.usage();
    expect(report.tokens?.[0]).toMatchObject({ locale: 'kk', promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, requests: completions.filter((c) => c.status === 200).length });
  });

  it('a model that mangles placeholders: re-sent with markers, then handed to DeepL for failing QA; counted once', async () => {
    const dir = makeProject({ 'source/ui.ru.json': JSON.stringify({ greet: 'Привет, {{name}}! У вас {{count}} новых писем.', bye: 'До свидания, {{name}}.', plain: 'Сохранить изменения' }) }, { link: false });
    const servers = await fakes({}, { persistent: { target: 'American English', fault: { kind: 'mangle-placeholder' } } });
    const report = await run(dir, servers, { targets: { en: { engine: ['llm', 'deepl'] } } });
    expect(report.failure).toBeUndefined();
    const en = readTm(dir, 'en');
    const placeholders = en.filter((e) => (e.source as string).includes('{{'));
    expect(placeholders).toHaveLength(2);
    for (const e of placeholders) expect(e).toMatchObject({ origin: 'engine:deepl', status: 'machine' });
    expect(en.find((e) => e.source === 'Сохранить изменения')).toMatchObject({ origin: LLM_ID, status: 'machine' });
    // xml first, then sentinel markers: both mangled.
    const llmWire = servers.llm.completions.flatMap((c) => c.segments.map((s) => s.text));
    expect(llmWire.some((t) => t.includes('<x id='))).toBe(true);
    expect(llmWire.some((t) => t.includes('⟦'))).toBe(true);
    expect(report.fallbacks).toEqual([{ locale: 'en', from: `llm:${MODEL}`, to: 'deepl', segments: 2, reason: '2 failed QA' }]);
    expect(report.locales[0]).toMatchObject({ translated: 3, needsReview: 0, retried: 2, missing: 0 });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('with fallbackOnQa false the QA failure stays with the LLM: needs-review, held back, nothing sent to DeepL', async () => {
    const dir = makeProject({ 'source/ui.ru.json': JSON.stringify({ greet: 'Привет, {{name}}!' }) }, { link: false });
    const servers = await fakes({}, { persistent: { target: 'American English', fault: { kind: 'mangle-placeholder' } } });
    const report = await run(dir, servers, { targets: { en: { engine: ['llm', 'deepl'] } }, engine: { fallbackOnQa: false } });
    expect(readTm(dir, 'en')).toMatchObject([{ origin: LLM_ID, status: 'needs-review' }]);
    expect(servers.deepl.translateRequests()).toEqual([]);
    expect(report.fallbacks).toBeUndefined();
    expect(report.locales[0]?.incompleteKeys).toEqual([{ namespace: 'ui', key: 'greet', reason: 'qa' }]);
  });

  it('an LLM quota refusal with no next engine is the run failure (engineQuota); what was received is kept', async () => {
    const dir = project();
    const servers = await fakes();
    servers.llm.inject({ kind: 'ok' }, { kind: 'status', status: 429, code: 'insufficient_quota' });
    const report = await run(dir, servers, { targets: { kk: { engine: 'llm' } }, engine: { concurrency: 1 } });
    expect(report.failure?.kind).toBe('engineQuota');
    expect(report.failure?.message).toMatch(/quota/);
    expect(report.failure?.message).not.toContain(OPENAI_KEY);
    // One answer received and kept; the quota stopped the queue at once: nothing sent after it.
    expect(servers.llm.completions).toHaveLength(2);
    expect(readTm(dir, 'kk').map((e) => e.source).sort()).toEqual(sorted(servers.llm.completions[0]?.segments.map((s) => s.text) ?? []));
    expect(report.locales[0]).toMatchObject({ translated: 10, missing: 30 });
  });

  it('Ctrl-C during the first pass: interrupted, what was received kept, nothing handed to the next engine', async () => {
    const dir = project();
    const servers = await fakes({}, { latencyMs: 150 });
    const config = resolveConfig(configOf(servers.llm, { targets: { en: { engine: ['llm', 'deepl'] } }, engine: { concurrency: 1 } }), path.join(dir, 'pipeline.config.ts'));
    const engines = selectEngines(config, { DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: servers.deepl.url, OPENAI_API_KEY: OPENAI_KEY });
    const abort = new AbortController();
    const report = await runJob({ config, enginesFor: engines.enginesFor, baseDelayMs: 5, now: NOW, signal: abort.signal, onProgress: () => abort.abort() }).finally(() => engines.close());
    expect(report.failure?.kind).toBe('interrupted');
    expect(report.fallbacks).toBeUndefined();
    expect(servers.deepl.translateRequests()).toEqual([]);
    const en = readTm(dir, 'en');
    expect(en.length).toBeGreaterThan(0);
    expect(en.length).toBeLessThan(40);
    expect(sorted(en.map((e) => e.source as string))).toEqual(sorted(segmentsOf(servers.llm.completions.filter((c) => c.status === 200))));
  });

  it('dry run: estimates tokens and cost per locale, the fallback LLM as the most it could use; nothing is sent', async () => {
    const dir = project();
    const servers = await fakes();
    const report = await run(dir, servers, { dryRun: true });
    expect(servers.llm.requests).toEqual([]);
    expect(report.tokens?.map((t) => [t.locale, t.fallback ?? false])).toEqual([
      ['kk', false],
      ['en', true],
    ]);
    for (const t of report.tokens ?? []) {
      expect(t.requests).toBe(4);
      expect(t.estimated).toBe(true);
      expect(t.promptTokens).toBeGreaterThan(200);
      expect(t.cost).toBeGreaterThan(0);
    }
    // The estimate of kk against what a run really uses: the same requests, prompts within a few per cent (over, not under).
    const real = await run(dir, servers, { targets: { kk: { engine: 'llm' } } });
    const estimated = report.tokens?.[0]?.promptTokens ?? 0;
    expect(estimated).toBeGreaterThanOrEqual(real.tokens?.[0]?.promptTokens ?? Infinity);
    expect(estimated).toBeLessThanOrEqual((real.tokens?.[0]?.promptTokens ?? 0) * 1.06);
    expect(real.tokens?.[0]?.requests).toBe(report.tokens?.[0]?.requests);
  });
});

describe('the CLI with the LLM engine', () => {
  const config = (llm: FakeOpenAi, segmentsPerRequest = 10) => `export default ${JSON.stringify(configOf(llm, { targets: { kk: { engine: 'llm' } }, llm: { timeoutMs: 5000, segmentsPerRequest } }))};\n`;

  it('kill -9 mid-run and resume: nothing the first run received is sent again; the key is nowhere', async () => {
    const servers = await fakes({}, { latencyMs: 200 });
    const dir = makeProject({ ...documents(), 'pipeline.config.ts': config(servers.llm, 4) }, { link: false });
    const journal = path.join(dir, 'tm', 'ru-kk.journal');
    const child = spawn(process.execPath, [CLI, 'run', '--json'], { cwd: dir, env: { ...process.env, OPENAI_API_KEY: OPENAI_KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 15_000;
    // Killed once the journal holds a received batch, with more requests to go (10 in all).
    while (!existsSync(journal) || readFileSync(journal, 'utf8').split('\n').length < 3) {
      if (Date.now() > deadline) throw new Error('timed out waiting for answers');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await done).toBe('SIGKILL');
    const received = new Set(
      existsSync(journal)
        ? readFileSync(journal, 'utf8').split('\n').flatMap((line) => {
            try {
              return [(JSON.parse(line) as { source: string }).source];
            } catch {
              return [];
            }
          })
        : [],
    );
    expect(received.size).toBeGreaterThan(0);
    const first = servers.llm.completions.length;

    const resumed = await runCli(['run', '--json'], dir, { OPENAI_API_KEY: OPENAI_KEY });
    expect(resumed.code).toBe(0);
    const again = segmentsOf(servers.llm.completions.slice(first));
    expect(again.filter((t) => received.has(t))).toEqual([]);
    const report = JSON.parse(resumed.stdout) as JobReport;
    expect(report.locales[0]?.missing).toBe(0);
    expect(readTm(dir, 'kk')).toHaveLength(40);
    expect(readdirSync(path.join(dir, 'tm')).filter((f) => f.endsWith('.journal'))).toEqual([]);
    expect(`${resumed.stdout}${resumed.stderr}`).not.toContain(OPENAI_KEY);
    for (const [file, state] of snapshot(dir)) expect(Buffer.from(state.bytes, 'base64').toString('utf8'), file).not.toContain(OPENAI_KEY);
  });

  it('status prints the token estimate and cost without sending anything', async () => {
    const servers = await fakes();
    const dir = makeProject({ ...documents(), 'pipeline.config.ts': config(servers.llm) }, { link: false });
    const status = await runCli(['status'], dir, { OPENAI_API_KEY: OPENAI_KEY });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`llm:${MODEL} kk: would use about \\d+ prompt \\+ \\d+ completion tokens in 4 request\\(s\\), cost 0\\.\\d+`));
    expect(servers.llm.requests).toEqual([]);
  });
});
