/**
 * App strings end to end through the DeepL adapter and the loopback fake server: placeholders,
 * tags and ICU syntax survive MT by the method that suits each target (XML tag handling for en and
 * zh, sentinels for kk), plurals are rebuilt per target and render in i18next and @formatjs/intl,
 * the glossary reaches DeepL for en/zh and is enforced for kk by the QA check, and every way the
 * fake server breaks protected text is caught: retried with the other method, then needs-review.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import { parse } from '@formatjs/icu-messageformat-parser';
import { isStructurallySame } from '@formatjs/icu-messageformat-parser/manipulator.js';
import i18next from 'i18next';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { selectEngines } from '../src/engine/select-engine.js';
import type { JobReport } from '../src/job/job-report.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions, type RecordedRequest } from './helpers/fake-deepl-server.js';
import { cleanupProjects, makeProject, readJson, readTm, SAMPLE, runCli, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);
const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const KEY = 'sk-app-strings-secret:fx';
const NOW = () => new Date('2026-11-26T12:00:00.000Z');
const ENGINE = { batchSize: 50, concurrency: 2, requestsPerInterval: 20, intervalMs: 100, timeoutMs: 2000, maxRetries: 3 };

const LATIN: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'.split(' ').map((p) => p.split(':') as [string, string]),
);
/**
 * A language-shaped fake MT: only Cyrillic letters change, so markers, tags, digits and
 * punctuation come back as sent. en: transliterated to Latin; zh: each Cyrillic word becomes Han
 * characters; kk: Russian letters swapped for Kazakh ones (о→ө, у→ұ, и→і, к→қ).
 */
function shaped(text: string, target: string): string {
  if (target.startsWith('ZH')) return text.replace(/[А-Яа-яЁё]+/gu, (word) => '文'.repeat(Math.max(1, Math.ceil(word.length / 3))));
  if (target === 'KK') return text.replace(/[оуик]/gu, (c) => ({ о: 'ө', у: 'ұ', и: 'і', к: 'қ' })[c] as string);
  return text.replace(/[А-Яа-яЁё]/gu, (c) => {
    const latin = LATIN[c.toLowerCase()] ?? '';
    return c === c.toLowerCase() ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
}

async function server(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const s = await startFakeDeepl({ authKey: KEY, translate: shaped, ...options });
  servers.push(s);
  return s;
}

/** The repo's sample app strings and glossary, with an empty TM. */
function project(): string {
  return makeProject(
    {
      'pipeline.config.ts': 'export default { glossary: "glossary.json", sources: ["source/*.ru.json", "source/*.ru.icu.json"] };\n',
      'source/ui.ru.json': readFileSync(path.join(SAMPLE, 'source/ui.ru.json'), 'utf8'),
      'source/messages.ru.icu.json': readFileSync(path.join(SAMPLE, 'source/messages.ru.icu.json'), 'utf8'),
      'glossary.json': readFileSync(path.join(SAMPLE, 'glossary.json'), 'utf8'),
    },
    { link: false },
  );
}

async function run(dir: string, fake: FakeDeepl, qa: Record<string, string> = {}): Promise<JobReport> {
  const config = resolveConfig({ glossary: 'glossary.json', sources: ['source/*.ru.json', 'source/*.ru.icu.json'], engine: ENGINE, qa: { checks: qa } }, path.join(dir, 'pipeline.config.ts'));
  const engines = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
  try {
    return await runJob({ config, engineFor: engines.engineFor, baseDelayMs: 5, now: NOW });
  } finally {
    engines.close();
  }
}

const targetOf = (r: RecordedRequest) => String(r.form.target_lang).toUpperCase();
const textsOf = (r: RecordedRequest) => r.form.text as string[];
const icuSource = (id: string) => (JSON.parse(readFileSync(path.join(SAMPLE, 'source/messages.ru.icu.json'), 'utf8')) as Record<string, { defaultMessage: string }>)[id]?.defaultMessage as string;

describe('app strings through DeepL', () => {
  it('protects by target: XML tag handling for en and zh, sentinels for kk; a re-run sends nothing', async () => {
    const fake = await server();
    const dir = project();
    const report = await run(dir, fake);
    expect(report.failure).toBeUndefined();
    const requests = fake.translateRequests();
    const kk = requests.filter((r) => targetOf(r) === 'KK');
    expect(kk.length).toBeGreaterThan(0);
    for (const r of kk) {
      expect(r.form.tag_handling).toBeUndefined();
      expect(r.form.glossary_id).toBeUndefined();
      for (const text of textsOf(r)) expect(text).not.toMatch(/\{\{|<\d|<link|\$t\(|#|\{[a-z]/u); // nothing but sentinels protects kk
    }
    expect(kk.flatMap(textsOf).some((t) => /⟦\d+⟧/u.test(t))).toBe(true);
    for (const target of ['EN-US', 'ZH-HANS']) {
      const mine = requests.filter((r) => targetOf(r) === target);
      const xml = mine.filter((r) => r.form.tag_handling === 'xml');
      expect(xml.length, target).toBeGreaterThan(0);
      for (const text of xml.flatMap(textsOf)) expect(text).not.toMatch(/\{\{|\$t\(|#|\{[a-z]|⟦/u);
      // The glossary travels with every request of a target that supports it.
      for (const r of mine) expect(r.form.glossary_id, target).toEqual(expect.any(String));
    }
    expect(fake.glossaries().map((g) => `${g.source_lang}-${g.target_lang}`).sort()).toEqual(['ru-en', 'ru-zh']);

    // Everything sent came back intact: machine status, no retries.
    for (const locale of report.locales) expect(locale.retried, locale.locale).toBe(0);
    for (const locale of ['en', 'zh']) for (const entry of readTm(dir, locale)) expect(entry.status, entry.source).toBe('machine');

    const before = fake.translateRequests().length;
    const again = await run(dir, fake);
    expect(fake.translateRequests().length).toBe(before);
    expect(again.writtenFiles).toEqual([]);
    expect(fake.glossaries()).toHaveLength(2); // not re-created
  });

  it('the bundles render in i18next and @formatjs/intl for counts 0, 1, 2, 5, 21, 1.5 in en, kk and zh', async () => {
    const fake = await server();
    const dir = project();
    await run(dir, fake, { glossary: 'warn' }); // the kk fake does not know the glossary; see the next test
    for (const lng of ['en', 'kk', 'zh']) {
      const ui = readJson<Record<string, unknown>>(dir, `locales/${lng}/ui.json`);
      const i18n = i18next.createInstance();
      const missing: string[] = [];
      await i18n.init({ resources: { [lng]: { ui } }, lng, ns: ['ui'], defaultNS: 'ui', initAsync: false, saveMissing: true, missingKeyHandler: (_l, _n, key) => missing.push(key) });
      const messages = readJson(dir, `locales/icu/${lng}.json`);
      const errors: unknown[] = [];
      const intl = createIntl({ locale: lng, messages, onError: (e) => errors.push(e) });
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      expect(Object.keys((ui as { comments: object }).comments).sort()).toEqual(['count_zero', ...categories.map((c) => `count_${c}`)].sort());
      for (const count of [0, 1, 2, 5, 21, 1.5]) {
        const rendered = i18n.t('comments.count', { count });
        expect(rendered, `${lng} ${count}`).not.toMatch(/\{\{|count_/u);
        if (count !== 0) expect(rendered).toContain(String(count));
        const icu = intl.formatMessage({ id: 'messages.notifications.unread' }, { count });
        if (count !== 0) expect(icu).toContain(intl.formatNumber(count));
        expect(intl.formatMessage({ id: 'messages.summit.countries' }, { count })).toContain('C5');
      }
      expect(i18n.t('app.greeting', { name: 'Айгерим' })).toContain('Айгерим');
      expect(intl.formatMessage({ id: 'messages.share.done' }, { gender: 'male', name: 'Ерлан' })).toContain('Ерлан');
      for (const [id, message] of Object.entries(messages)) {
        const source = icuSource(id.replace(/^messages\./u, ''));
        expect(isStructurallySame(parse(source), parse(message)).success, `${lng} ${id}`).toBe(true);
      }
      expect(errors).toEqual([]);
      expect(missing).toEqual([]);
    }
  });

  it('the glossary check holds back kk keys whose terms DeepL could not be told about', async () => {
    const fake = await server();
    const dir = project();
    const report = await run(dir, fake);
    const kk = report.findings.filter((f) => f.locale === 'kk' && f.check === 'glossary');
    expect(kk.map((f) => f.key).sort()).toEqual(['article.source', 'search.hint', 'source.link']);
    expect(kk.find((f) => f.key === 'article.source')?.message).toBe('«Синьхуа» must be translated as «Синьхуа» (kk)');
    expect(kk.find((f) => f.key === 'search.hint')?.message).toBe('«Сиань» must be translated as «Сиань» (kk)');
    expect(report.locales.find((l) => l.locale === 'kk')?.incompleteKeys).toEqual(
      expect.arrayContaining([
        { namespace: 'ui', key: 'article.source', reason: 'qa' },
        { namespace: 'messages', key: 'source.link', reason: 'qa' },
      ]),
    );
    expect(readJson<Record<string, Record<string, string>>>(dir, 'locales/kk/ui.json').article?.source).toBeUndefined();
    // en and zh got the term from the DeepL glossary.
    expect(readJson<Record<string, Record<string, string>>>(dir, 'locales/zh/ui.json').article?.source).toContain('新华社');
    expect(report.findings.filter((f) => f.locale !== 'kk' && f.severity === 'error')).toEqual([]);
  });
});

describe('a glossary DeepL cannot prepare', () => {
  it('sends nothing for that pair, names the step and the pair, translates the others; the next run sends it', async () => {
    const fake = await server();
    const dir = project();
    fake.injectGlossary({ status: 400, method: 'POST', message: 'Invalid glossary entries provided' }, { status: 400, method: 'POST', message: 'Invalid glossary entries provided' });
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url };
    const result = await runCli(['run'], dir, env);
    expect(result.code).toBe(7);
    // Only kk (no DeepL glossary for Kazakh) went out; en and zh were never sent without their glossary.
    expect(new Set(fake.translateRequests().map(targetOf))).toEqual(new Set(['KK']));
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/glossaries')).toHaveLength(2);
    const failed = result.stdout.split('\n').find((line) => line.startsWith('FAILED:')) ?? '';
    for (const locale of ['en', 'zh']) {
      expect(failed).toMatch(new RegExp(`glossary preparation for ru→${locale} failed \\(create glossary failed: [^)]*Invalid glossary entries provided\\)`, 'u'));
      expect(failed).toMatch(new RegExp(`nothing was sent for ${locale}: its \\d+ segment\\(s\\) stay missing`, 'u'));
    }
    expect(result.stdout).toMatch(/^engine: deepl \(\d+ segment\(s\) translated, \d+ still missing\)$/mu);
    expect(existsSync(path.join(dir, 'tm/ru-en.jsonl'))).toBe(false);
    expect(readTm(dir, 'kk').length).toBeGreaterThan(0);

    // The fault is gone: the next run creates both glossaries and sends en and zh with them.
    const again = await runCli(['run'], dir, env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const sent = fake.translateRequests().filter((r) => targetOf(r) !== 'KK');
    expect(new Set(sent.map(targetOf))).toEqual(new Set(['EN-US', 'ZH-HANS']));
    for (const r of sent) expect(r.form.glossary_id).toEqual(expect.any(String));

    // Nothing missing with a key set: the engine line says it was not needed.
    const third = await runCli(['run'], dir, env);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('engine: deepl (not needed: everything from the TM)');
    expect(third.stdout).not.toContain('DEEPL_AUTH_KEY');
  });
});

describe('the fake server breaks protected text; Tilmash catches it', () => {
  it('placeholders mangled under XML only: retried with sentinels, restored, recorded as machine with an info finding', async () => {
    const fake = await server({ mangle: { mode: 'placeholders', only: 'xml' } });
    const dir = project();
    const report = await run(dir, fake, { glossary: 'warn' });
    const en = report.locales.find((l) => l.locale === 'en');
    expect(en?.retried).toBeGreaterThan(0);
    expect(en?.needsReview).toBe(0);
    const greeting = readTm(dir, 'en').find((e) => e.source === 'Здравствуйте, {{name}}!');
    expect(greeting).toMatchObject({ target: 'Zdravstvuyte, {{name}}!', status: 'machine' });
    expect(greeting?.findings?.[0]).toMatchObject({ check: 'placeholders', severity: 'info' });
    expect(greeting?.findings?.[0]?.message).toMatch(/xml: .*retried with sentinel/u);
    // The retry went out as plain text with sentinels.
    expect(fake.translateRequests().some((r) => targetOf(r) === 'EN-US' && r.form.tag_handling === undefined && textsOf(r).includes('Здравствуйте, ⟦1⟧!'))).toBe(true);
    expect(readJson<Record<string, Record<string, string>>>(dir, 'locales/en/ui.json').app?.greeting).toBe('Zdravstvuyte, {{name}}!');
  });

  it('placeholders mangled by every method: en/zh needs-review, held back, never shipped; kk falls back to split and is intact', async () => {
    const fake = await server({ mangle: { mode: 'placeholders' } });
    const dir = project();
    const report = await run(dir, fake, { glossary: 'warn' });
    for (const locale of ['en', 'zh']) {
      expect(report.locales.find((l) => l.locale === locale)?.needsReview, locale).toBeGreaterThan(0);
      const greeting = readTm(dir, locale).find((e) => e.source === 'Здравствуйте, {{name}}!');
      expect(greeting?.status).toBe('needs-review');
      expect(greeting?.findings?.some((f) => f.check === 'placeholders' && f.severity === 'error' && /\{\{name\}\}/u.test(f.message))).toBe(true);
    }
    // kk: sentinels were mangled too, then only the words between the pieces were sent (split).
    const kk = report.locales.find((l) => l.locale === 'kk');
    expect(kk?.retried).toBeGreaterThan(0);
    expect(kk?.needsReview).toBe(0);
    expect(readTm(dir, 'kk').find((e) => e.source === 'Здравствуйте, {{name}}!')).toMatchObject({ target: 'Здравствұйте, {{name}}!', status: 'machine' });
    expect(fake.translateRequests().some((r) => targetOf(r) === 'KK' && textsOf(r).includes('Здравствуйте,'))).toBe(true);
    for (const lng of ['en', 'zh']) expect(readJson<Record<string, Record<string, string>>>(dir, `locales/${lng}/ui.json`).app?.greeting, lng).toBeUndefined();
    for (const lng of ['en', 'kk', 'zh']) {
      const ui = readJson<Record<string, Record<string, string>>>(dir, `locales/${lng}/ui.json`);
      expect(JSON.stringify(ui)).not.toMatch(/имя|№/u);
      expect(JSON.stringify(readJson(dir, `locales/icu/${lng}.json`))).not.toMatch(/имя|№/u);
    }
    expect(report.findings.some((f) => f.check === 'placeholders' && f.severity === 'error' && f.key === 'app.greeting')).toBe(true);
  });

  it('dropped tags are caught (retry, then needs-review); a mis-nested tag is caught too', async () => {
    for (const mode of ['drop-tags', 'misnest-tags'] as const) {
      const fake = await server({ mangle: { mode } });
      const dir = project();
      const report = await run(dir, fake, { glossary: 'warn' });
      const subscribe = readTm(dir, 'en').find((e) => e.source.startsWith('Нажимая «Подписаться»'));
      expect(subscribe?.status, mode).toBe('needs-review');
      expect(readJson<Record<string, string>>(dir, 'locales/en/ui.json').subscribe, mode).toBeUndefined();
      expect(report.findings.some((f) => f.key === 'subscribe' && f.check === 'placeholders'), mode).toBe(true);
    }
  });

  it('reordered tags are a valid translation: accepted and restored in their new order', async () => {
    const fake = await server({ mangle: { mode: 'reorder-tags' } });
    const dir = project();
    await run(dir, fake, { glossary: 'warn' });
    const subscribe = readJson<Record<string, string>>(dir, 'locales/en/ui.json').subscribe as string;
    expect(subscribe.indexOf('<3>')).toBeLessThan(subscribe.indexOf('<1>'));
    expect(subscribe).toMatch(/<3>[^<]+<\/3>.*<1>[^<]+<\/1>/u);
    expect(readTm(dir, 'en').find((e) => e.source.startsWith('Нажимая «Подписаться»'))?.status).toBe('machine');
  });

  it('translated ICU keywords never reach a bundle: ICU syntax is not sent, and every message keeps its structure', async () => {
    const fake = await server({ mangle: { mode: 'icu-keywords' } });
    const dir = project();
    await run(dir, fake, { glossary: 'warn' });
    for (const text of fake.translateRequests().flatMap(textsOf)) expect(text).not.toMatch(/plural|select|\{count/u);
    for (const lng of ['en', 'kk', 'zh']) {
      for (const [id, message] of Object.entries(readJson(dir, `locales/icu/${lng}.json`))) {
        expect(message).not.toMatch(/множественное|другой|один \{/u);
        expect(isStructurallySame(parse(icuSource(id.replace(/^messages\./u, ''))), parse(message)).success, `${lng} ${id}`).toBe(true);
      }
    }
  });
});

describe('an article in Markdown keeps its inline markup through MT', () => {
  it('links, emphasis, code and URLs come back in place; a link spanning two sentences stays one segment', async () => {
    const fake = await server();
    const dir = makeProject(
      {
        'pipeline.config.ts': 'export default {};\n',
        'source/brief.ru.md': '# Итоги **саммита**\n\nЛидеры подписали [Сианьскую декларацию. Текст опубликован](https://example.kz/xian?lang=ru) на сайте. Код документа `C5-2023`, вопросы: press@example.kz.\n',
      },
      { link: false },
    );
    const config = resolveConfig({ engine: ENGINE, qa: { checks: { 'length-ratio': 'off' } } }, path.join(dir, 'pipeline.config.ts'));
    const engines = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    const report = await runJob({ config, engineFor: engines.engineFor, baseDelayMs: 5, now: NOW }).finally(() => engines.close());
    expect(report.failure).toBeUndefined();
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const en = readJson(dir, 'locales/en/brief.json');
    expect(en.title).toBe('Itogi **sammita**');
    const paragraph = Object.entries(en).find(([key]) => key !== 'title')?.[1] as string;
    expect(paragraph).toBe('Lidery podpisali [Sianskuyu deklaratsiyu. Tekst opublikovan](https://example.kz/xian?lang=ru) na sayte. Kod dokumenta `C5-2023`, voprosy: press@example.kz.');
    // The link's two sentences travelled as one segment, its URL never left Tilmash.
    const sent = fake.translateRequests().filter((r) => targetOf(r) === 'EN-US').flatMap(textsOf);
    expect(sent).toContain('Лидеры подписали <g id="1">Сианьскую декларацию. Текст опубликован</g> на сайте.');
    expect(sent.join('\n')).not.toContain('https://');
    const zh = readJson(dir, 'locales/zh/brief.json');
    expect(Object.values(zh).join('')).toContain('](https://example.kz/xian?lang=ru)');
    const kk = readJson(dir, 'locales/kk/brief.json');
    expect(Object.values(kk).join('')).toContain('`C5-2023`');
  });
});

describe('QA in the CLI', () => {
  it('--strict fails with exit 6 on an error finding, lists it, and the JSON report carries it', async () => {
    const dir = makeProject(
      {
        'pipeline.config.ts': 'export default { targets: { en: {} } };\n',
        'source/note.ru.txt': 'Инвестиции составят 26 млрд юаней.\n',
        'tm/ru-en.jsonl': `${JSON.stringify({ source: 'Инвестиции составят 26 млрд юаней.', target: 'Investment will reach 2.6 billion yuan.', origin: 'human', status: 'translated', created: '2026-11-26T00:00:00.000Z', changed: '2026-11-26T00:00:00.000Z' })}\n`,
      },
      { link: false },
    );
    const plain = await runCli(['run'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/error numbers en note\.p-investicii-sostavyat-26: 26 млрд \(26000000000\) is not in the target/u);
    expect(readJson(dir, 'locales/en/note.json')).toEqual({}); // held back
    const strict = await runCli(['run', '--strict', '--json'], dir);
    expect(strict.code).toBe(6);
    const report = JSON.parse(strict.stdout) as JobReport;
    expect(report.findings).toEqual([expect.objectContaining({ locale: 'en', namespace: 'note', key: 'p-investicii-sostavyat-26', check: 'numbers', severity: 'error' })]);
    expect(report.locales[0]?.incompleteKeys).toEqual([{ namespace: 'note', key: 'p-investicii-sostavyat-26', reason: 'qa' }]);

    // Lowering the check's severity ships the key and passes --strict.
    writeProjectFile(dir, 'pipeline.config.ts', "export default { targets: { en: {} }, qa: { checks: { numbers: 'warn' } } };\n");
    const lenient = await runCli(['run', '--strict'], dir);
    expect(lenient.code).toBe(0);
    expect(readJson(dir, 'locales/en/note.json')).toEqual({ 'p-investicii-sostavyat-26': 'Investment will reach 2.6 billion yuan.' });
  });

  it('an unknown check id in the config is a config error (exit 3) with a suggestion', async () => {
    const dir = makeProject({ 'pipeline.config.ts': "export default { qa: { checks: { 'lenght-ratio': 'off' } } };\n", 'source/a.ru.txt': 'Текст.\n' }, { link: false });
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/qa\.checks: unknown check 'lenght-ratio'\. Did you mean 'length-ratio'\?/u);
  });
});
