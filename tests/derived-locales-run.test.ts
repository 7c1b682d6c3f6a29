/**
 * Derived locales end to end on the frozen sample project: kk-Latn and zh-Hant written by `run` from
 * the shipped kk and zh with no engine request (counted on the fake DeepL server), recorded in their
 * own TM files with origin derived:<converter>; a change of the parent re-derives; a person's edit
 * in a derived bundle is kept; `check` and the review report know them; the bundles render with
 * plurals in i18next and @formatjs/intl; the config refuses a wrong derivation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import i18next from 'i18next';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import { TilmashError } from '../src/errors.js';
import { reviewJob } from '../src/workflows/review/review-job.js';
import { renderReviewHtml } from '../src/review/render-review-html.js';
import { startFakeDeepl, type FakeDeepl } from './helpers/fake-deepl-server.js';
import { cleanupProjects, copyRepoProject, editJson, readJson, readProjectFile, readTm, runCli, tmBySource, writeProjectFile } from './helpers/project.js';
import { thrownBy } from './helpers/thrown.js';

afterAll(cleanupProjects);
const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const KEY = 'sk-derived-run-secret-0123456789abcdef:fx';
const TITLE_SOURCE = 'Си Цзиньпин пообещал странам Центральной Азии 26 млрд юаней';

/** The sample project with its locales but without any derived output: what a user has before adding the targets. */
function freshSample(): string {
  const dir = copyRepoProject({ withLocales: true });
  for (const locale of ['kk-Latn', 'zh-Hant']) {
    rmSync(path.join(dir, 'tm', `ru-${locale}.jsonl`));
    rmSync(path.join(dir, 'locales', locale), { recursive: true });
    rmSync(path.join(dir, 'locales', 'icu', `${locale}.json`));
    rmSync(path.join(dir, 'locales', 'provenance', `${locale}.json`));
  }
  return dir;
}

async function fake(): Promise<FakeDeepl> {
  const server = await startFakeDeepl({ authKey: KEY });
  servers.push(server);
  return server;
}

describe('derived locales in a run', () => {
  it('writes kk-Latn and zh-Hant from the shipped kk and zh with zero engine requests', async () => {
    const dir = freshSample();
    const server = await fake();
    const run = await runCli(['run', '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(run.code, run.stderr).toBe(0);
    expect(server.requests).toEqual([]);
    const report = JSON.parse(run.stdout) as { locales: Array<{ locale: string; derived?: number; missing: number; billedCharacters: number; derivedFrom?: unknown }>; findings: unknown[] };
    const latn = report.locales.find((l) => l.locale === 'kk-Latn');
    expect(latn).toMatchObject({ derivedFrom: { locale: 'kk', converter: 'kk-cyrl-latn' }, missing: 0, billedCharacters: 0 });
    expect(latn?.derived).toBeGreaterThan(30);
    expect(report.findings).toEqual([]);

    expect(readJson(dir, 'locales/kk-Latn/article.json').title).toBe('Si Szinpin Ortalyq Aziia elderıne 26 mlrd iuan beruge uäde ettı');
    expect(readJson(dir, 'locales/zh-Hant/article.json').title).toBe('習近平承諾向中亞國家提供260億元');
    const kkLatn = tmBySource(dir, 'kk-Latn');
    expect(kkLatn.get(TITLE_SOURCE)).toMatchObject({ origin: 'derived:kk-cyrl-latn', status: tmBySource(dir, 'kk').get(TITLE_SOURCE)?.status === 'reviewed' ? 'translated' : (tmBySource(dir, 'kk').get(TITLE_SOURCE)?.status as string) });
    expect(readTm(dir, 'zh-Hant').every((e) => e.origin === 'derived:opencc:cn-tw')).toBe(true);
    const ledger = readJson<{ namespaces: { article: { keys: Record<string, { origin: string }> } } }>(dir, 'locales/provenance/kk-Latn.json');
    expect(ledger.namespaces.article.keys.title?.origin).toBe('derived:kk-cyrl-latn');

    // Nothing new: nothing written, still no request; check passes.
    const again = await runCli(['run'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(again.stdout).toContain('No file changed.');
    expect((await runCli(['check'], dir)).code).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('sends only the parent’s missing segment to the engine, and derives from its answer', async () => {
    const dir = freshSample();
    const kk = readTm(dir, 'kk').filter((e) => e.source !== TITLE_SOURCE);
    writeProjectFile(dir, 'tm/ru-kk.jsonl', kk.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const server = await startFakeDeepl({ authKey: KEY, translate: () => 'Си Цзиньпин Орталық Азияға 26 млрд юань уәде етті' });
    servers.push(server);
    const run = await runCli(['run', '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(run.code, run.stderr).toBe(0);
    const langs = server.translateRequests().map((r) => String(r.form.target_lang).toUpperCase());
    expect(langs).toEqual(['KK']);
    expect(tmBySource(dir, 'kk-Latn').get(TITLE_SOURCE)).toMatchObject({ target: 'Si Szinpin Ortalyq Aziiağa 26 mlrd iuan uäde ettı', origin: 'derived:kk-cyrl-latn', status: 'machine' });
    expect(readJson(dir, 'locales/kk-Latn/article.json').title).toBe('Si Szinpin Ortalyq Aziiağa 26 mlrd iuan uäde ettı');
  });

  it('re-derives when the parent changes, and keeps a person’s edit of the derived bundle', async () => {
    const dir = freshSample();
    const first = await runCli(['run'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/derived, no engine: kk-Latn from kk \(kk-cyrl-latn, 44 converted\), zh-Hant from zh \(opencc:cn-tw, 40 converted\)/);
    // A person corrects the kk title in its bundle: kk-Latn follows in the same run.
    editJson(dir, 'locales/kk/article.json', (json) => {
      json.title = 'Си Цзиньпин Орталық Азия елдеріне 26 млрд юань беретінін айтты';
    });
    // Another person writes the kk-Latn caption by hand.
    editJson(dir, 'locales/kk-Latn/article.json', (json) => {
      json['caption-lidery-kazahstana'] = 'Qazaqstan, Qyrğyzstan, Täjıkstan, Türıkmenstan, Özbekstan jäne Qytai basşylary Xi’an sammitınde. Foto: Xinhua';
    });
    const run = await runCli(['run', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const latn = readJson(dir, 'locales/kk-Latn/article.json');
    expect(latn.title).toBe('Si Szinpin Ortalyq Aziia elderıne 26 mlrd iuan beretının aitty');
    expect(tmBySource(dir, 'kk-Latn').get(TITLE_SOURCE)).toMatchObject({ origin: 'derived:kk-cyrl-latn', status: 'translated' });
    expect(latn['caption-lidery-kazahstana']).toContain('basşylary Xi’an sammitınde');
    const humanCaption = readTm(dir, 'kk-Latn').filter((e) => e.origin === 'human');
    expect(humanCaption.length).toBeGreaterThan(0);

    // The parent of the hand-written caption changes: the person's kk-Latn text stays.
    editJson(dir, 'locales/kk/article.json', (json) => {
      json['caption-lidery-kazahstana'] = 'Қазақстан, Қырғызстан, Тәжікстан, Түрікменстан, Өзбекстан және Қытай басшылары Сиань саммитінде. Сурет: Синьхуа';
    });
    expect((await runCli(['run'], dir)).code).toBe(0);
    expect(readJson(dir, 'locales/kk-Latn/article.json')['caption-lidery-kazahstana']).toContain('basşylary Xi’an sammitınde');
    expect((await runCli(['check'], dir)).code).toBe(0);
  });

  it('renders the derived bundles in i18next and @formatjs/intl with the parent’s plural rules', async () => {
    const dir = freshSample();
    expect((await runCli(['run'], dir)).code).toBe(0);
    expect(new Intl.PluralRules('kk-Latn').resolvedOptions().pluralCategories).toEqual(new Intl.PluralRules('kk').resolvedOptions().pluralCategories);
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'kk-Latn', fallbackLng: 'ru', resources: { 'kk-Latn': { ui: readJson(dir, 'locales/kk-Latn/ui.json') }, 'zh-Hant': { ui: readJson(dir, 'locales/zh-Hant/ui.json') } }, defaultNS: 'ui' });
    expect(i18n.t('comments.count', { count: 0 })).toBe('Äzırge pıkır joq');
    expect(i18n.t('comments.count', { count: 1 })).toBe('1 pıkır');
    expect(i18n.t('comments.count', { count: 5 })).toBe('5 pıkır');
    expect(i18n.t('app.greeting', { name: 'Aiğerım' })).toBe('Sälemetsız be, Aiğerım!');
    expect(i18n.t('comments.count', { lng: 'zh-Hant', count: 21 })).toMatch(/^21/);
    for (const [locale, expected] of [['kk-Latn', ['Jaña habarlamalar joq', '1 jaña habarlama', '21 jaña habarlama']], ['zh-Hant', ['沒有新通知', '1條新通知', '21條新通知']]] as const) {
      const messages = readJson(dir, `locales/icu/${locale}.json`);
      const intl = createIntl({ locale, messages, onError: (e) => { throw e; } });
      expect([0, 1, 21].map((count) => intl.formatMessage({ id: 'messages.notifications.unread' }, { count }))).toEqual(expected);
    }
    expect(readJson(dir, 'locales/icu/kk-Latn.json')['messages.search.hint']).toBe("Sūraudy engızıñız, mysaly, '{'Sian'}', sodan keiın Enter pernesın basyñyz");
  });

  it('shows derived locales in the review report and in diff, marked as derived', async () => {
    const dir = freshSample();
    expect((await runCli(['run'], dir)).code).toBe(0);
    const config = await loadConfig(path.join(dir, 'pipeline.config.ts'));
    const { data } = await reviewJob(config, new Date('2026-11-26T12:00:00.000Z'));
    expect(data.derived).toEqual({ 'kk-Latn': { from: 'kk', converter: 'kk-cyrl-latn' }, 'zh-Hant': { from: 'zh', converter: 'opencc:cn-tw' } });
    expect(data.rows.find((r) => r.key === 'title')?.cells['kk-Latn']).toMatchObject({ origin: 'derived:kk-cyrl-latn', status: 'translated' });
    const html = renderReviewHtml(data);
    expect(html).toContain('data-derived-from="kk"');
    expect(html).toContain('derived from zh');

    // diff: a change of the kk title shows in kk-Latn too, marked as derived from kk.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'add', '-A');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'base');
    editJson(dir, 'locales/kk/article.json', (json) => {
      json.title = 'Си Цзиньпин Орталық Азияға 26 млрд юань уәде етті';
    });
    expect((await runCli(['run'], dir)).code).toBe(0);
    const diff = JSON.parse((await runCli(['diff', '--json'], dir)).stdout) as { changes: Array<{ locale: string; key: string; derivedFrom?: string; target: { new?: string }; origin: { new?: string } }> };
    const latn = diff.changes.find((c) => c.locale === 'kk-Latn' && c.key === 'title');
    expect(latn).toMatchObject({ derivedFrom: 'kk', target: { new: 'Si Szinpin Ortalyq Aziiağa 26 mlrd iuan uäde ettı' }, origin: { new: 'derived:kk-cyrl-latn' } });
    expect(diff.changes.find((c) => c.locale === 'kk')?.derivedFrom).toBeUndefined();
    expect((await runCli(['diff'], dir)).stdout).toMatch(/kk-Latn\s+changed\s+.*\(derived from kk\)/);
  });
});

describe('derived targets in the config', () => {
  const config = (targets: unknown) => () => resolveConfig({ targets }, '/p/pipeline.config.ts', 'pipeline.config.ts');
  it('resolves a derived target with no engine language of its own', () => {
    const resolved = config({ kk: {}, 'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn' }, zh: {}, 'zh-Hant': { derivedFrom: 'zh', converter: 'opencc:cn-hk' } })();
    expect(resolved.targets.map((t) => [t.locale, t.derived?.from, t.sentenceJoiner])).toEqual([['kk', undefined, ' '], ['kk-Latn', 'kk', ' '], ['zh', undefined, ''], ['zh-Hant', 'zh', '']]);
  });

  it('refuses an unknown converter (naming the known ones), a missing or derived parent, a wrong language, an engine', () => {
    const message = (targets: unknown) => thrownBy(config(targets), TilmashError, 'config').message;
    expect(message({ kk: {}, 'kk-Latn': { derivedFrom: 'kk', converter: 'latin' } })).toMatch(/targets\.kk-Latn\.converter.*'kk-cyrl-latn', 'opencc:cn-tw', 'opencc:cn-twp', 'opencc:cn-hk'.*"latin"/);
    expect(message({ en: {}, 'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn' } })).toMatch(/targets\.kk-Latn\.derivedFrom.*configured target locale that is translated \(en\)/);
    expect(message({ kk: {}, 'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn' }, 'kk-Latn-KZ': { derivedFrom: 'kk-Latn', converter: 'kk-cyrl-latn' } })).toMatch(/not itself derived/);
    expect(message({ zh: {}, 'zh-Latn': { derivedFrom: 'zh', converter: 'kk-cyrl-latn' } })).toMatch(/a kk target: converter 'kk-cyrl-latn' reads kk text/);
    expect(message({ kk: {}, 'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn', engine: 'deepl' } })).toMatch(/targets\.kk-Latn\.engine.*never sent to an engine/);
    expect(message({ kk: {}, 'kk-Latn': { converter: 'kk-cyrl-latn' } })).toMatch(/targets\.kk-Latn\.derivedFrom/);
  });
});

it('keeps the fixture and the working-tree config in step (kk-Latn, zh-Hant configured)', () => {
  expect(existsSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'sample-project', 'tm', 'ru-kk-Latn.jsonl'))).toBe(true);
  expect(readProjectFile(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'sample-project'), 'pipeline.config.ts')).toContain("'zh-Hant': { derivedFrom: 'zh', converter: 'opencc:cn-tw' }");
});
