/**
 * The committed bundles in locales/ load in the real runtimes: i18next 26 (JSON v4) and
 * @formatjs/intl (ICU). The article renders every key to the text of the bundle in both; the app
 * strings (ui: i18next, messages: ICU) render with their variables and plural counts in every locale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from './helpers/project.js';

const LOCALES_DIR = path.join(SAMPLE, 'locales');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
type Resources = Record<string, Record<string, Record<string, string>>>;

/** lng → namespace → bundle, from locales/<lng>/<ns>.json (the ui namespace is nested). */
function loadI18nextBundles(): Resources {
  const out: Resources = {};
  for (const lng of readdirSync(LOCALES_DIR).sort()) {
    if (lng === 'icu' || lng === 'provenance') continue;
    out[lng] = {};
    for (const file of readdirSync(path.join(LOCALES_DIR, lng)).filter((f) => f.endsWith('.json'))) {
      (out[lng] as Record<string, Record<string, string>>)[file.replace(/\.json$/, '')] = readJson(path.join(LOCALES_DIR, lng, file));
    }
  }
  return out;
}

const bundles = loadI18nextBundles();
const LNGS = Object.keys(bundles);
const HAN = '\\p{Script=Han}';

describe('committed bundles', () => {
  it('hold the source locale, the three targets and the two derived from kk and zh', () => {
    expect(LNGS).toEqual(['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
    expect(readdirSync(path.join(LOCALES_DIR, 'icu')).sort()).toEqual(['en.json', 'kk-Latn.json', 'kk.json', 'ru.json', 'zh-Hant.json', 'zh.json']);
    for (const lng of LNGS) expect(Object.keys(bundles[lng] ?? {}).sort(), lng).toEqual(['article', 'ui']);
  });

  for (const lng of ['en', 'kk', 'ru', 'zh']) {
    it(`${lng}: i18next renders every article key to its JSON value, and the ICU message renders the same text`, async () => {
      const resources: Record<string, Record<string, string>> = { article: bundles[lng]?.article ?? {} };
      const namespaces = ['article'];
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { ...bundles }, lng, fallbackLng: 'ru', ns: namespaces, defaultNS: namespaces[0] as string, initAsync: false });

      const icuMessages = readJson(path.join(LOCALES_DIR, 'icu', `${lng}.json`));
      const errors: unknown[] = [];
      const intl = createIntl({ locale: lng, messages: icuMessages, onError: (error) => errors.push(error) });

      const ids: string[] = [];
      for (const ns of namespaces) {
        for (const [key, value] of Object.entries(resources[ns] ?? {})) {
          expect(typeof value).toBe('string');
          expect(i18n.t(key, { ns }), `${lng} ${ns}.${key}`).toBe(value);
          const id = `${ns}.${key}`;
          ids.push(id);
          expect(icuMessages[id], `${lng} icu ${id}`).toBeDefined();
          expect(intl.formatMessage({ id }), `${lng} icu ${id}`).toBe(value);
        }
      }
      // The ICU file holds exactly the article's i18next keys, in the same order, then the ICU app strings.
      expect(Object.keys(icuMessages).filter((id) => id.startsWith('article.'))).toEqual(ids);
      expect(Object.keys(icuMessages).filter((id) => !id.startsWith('article.')).every((id) => id.startsWith('messages.'))).toBe(true);
      expect(errors).toEqual([]);
    });
  }

  it('the target bundles are complete: every key of locales/ru/article.json is in en, kk and zh, in the same order', () => {
    const ruKeys = Object.keys(bundles.ru?.article ?? {});
    expect(ruKeys.length).toBeGreaterThan(10);
    for (const lng of ['en', 'kk', 'zh']) {
      expect(Object.keys(bundles[lng]?.article ?? {}), lng).toEqual(ruKeys);
      for (const [key, value] of Object.entries(bundles[lng]?.article ?? {})) {
        expect(value.trim()).not.toBe('');
        expect(value, `${lng} ${key} is the Russian text`).not.toBe(bundles.ru?.article?.[key]);
        // Kazakh is written in Cyrillic too; English and Chinese hold no Russian words.
        if (lng !== 'kk') expect(value, `${lng} ${key} holds Russian text`).not.toMatch(/[А-Яа-яЁё]{4,}/u);
      }
    }
  });

  it('zh: no ASCII comma or full stop between Han characters; sentences joined with no space', () => {
    for (const value of Object.values(bundles.zh?.article ?? {})) {
      expect(value).not.toMatch(new RegExp(`${HAN}\\s*[,.]\\s*${HAN}`, 'u'));
      expect(value).not.toMatch(new RegExp(`[。！？]\\s+${HAN}`, 'u'));
      expect(value).toMatch(new RegExp(HAN, 'u'));
    }
  });

  it('kk: Kazakh text, with Kazakh-specific letters', () => {
    const all = Object.values(bundles.kk?.article ?? {}).join('\n');
    expect(all).toMatch(/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u);
    expect(new Set(all.match(/[әғқңөұүһі]/gu)).size).toBeGreaterThanOrEqual(5);
  });

  it('numbers are localised: 260亿元 / 36亿美元 in zh, 26 billion yuan / $3.6 billion in en', () => {
    const zh = Object.values(bundles.zh?.article ?? {}).join('\n');
    expect(zh).toContain('260亿元');
    expect(zh).toContain('36亿美元');
    const en = Object.values(bundles.en?.article ?? {}).join('\n');
    expect(en).toContain('26 billion yuan');
    expect(en).toContain('$3.6 billion');
    expect(bundles.en?.article?.title).toBe('Xi Jinping promises Central Asian countries 26 billion yuan');
  });

  it('i18next falls back to the ru bundle for a key missing from a target bundle', async () => {
    const en = { ...(bundles.en?.article ?? {}) };
    delete en.title;
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { article: en }, ru: { article: bundles.ru?.article ?? {} } }, lng: 'en', fallbackLng: 'ru', ns: ['article'], defaultNS: 'article', initAsync: false });
    expect(i18n.t('title')).toBe(bundles.ru?.article?.title);
  });
});

const COUNTS = [0, 1, 2, 5, 21, 1.5];
/** What the count form of each locale must look like (the sample translations' own words). */
const COMMENT_FORMS: Record<string, (n: number) => string> = {
  ru: (n) => (n === 0 ? 'Комментариев пока нет' : n === 1 || n === 21 ? `${n} комментарий` : n === 2 ? `${n} комментария` : n === 5 ? `${n} комментариев` : `${n} комментария`),
  en: (n) => (n === 0 ? 'No comments yet' : n === 1 ? '1 comment' : `${n} comments`),
  kk: (n) => (n === 0 ? 'Әзірге пікір жоқ' : `${n} пікір`),
  zh: (n) => (n === 0 ? '暂无评论' : `${n}条评论`),
};
const NOTIFICATION_FORMS: Record<string, (n: string) => string> = {
  ru: (n) => (n === '0' ? 'Нет новых уведомлений' : n === '1' || n === '21' ? `${n} новое уведомление` : n === '5' ? `${n} новых уведомлений` : n === '2' ? `${n} новых уведомления` : `${n} нового уведомления`),
  en: (n) => (n === '0' ? 'No new notifications' : n === '1' ? '1 new notification' : `${n} new notifications`),
  kk: (n) => (n === '0' ? 'Жаңа хабарламалар жоқ' : `${n} жаңа хабарлама`),
  zh: (n) => (n === '0' ? '没有新通知' : `${n}条新通知`),
};

describe('committed app strings', () => {
  for (const lng of ['ru', 'en', 'kk', 'zh']) {
    it(`${lng}: ui (i18next) renders variables, plurals with _zero, context keys and nesting`, async () => {
      const missing: string[] = [];
      const i18n = i18next.createInstance();
      await i18n.init({
        resources: bundles,
        lng,
        fallbackLng: false,
        ns: ['ui'],
        defaultNS: 'ui',
        initAsync: false,
        saveMissing: true,
        missingKeyHandler: (_lngs, _ns, key) => missing.push(key),
      });
      for (const n of COUNTS) expect(i18n.t('comments.count', { count: n }), `${lng} count ${n}`).toBe((COMMENT_FORMS[lng] as (n: number) => string)(n));
      expect(i18n.t('app.greeting', { name: 'Айгерим' })).toContain('Айгерим');
      expect(i18n.t('article.more')).toContain(i18n.t('app.title'));
      expect(i18n.t('author', { context: 'female', name: 'X' })).toContain('X');
      for (const n of COUNTS) expect(i18n.t('article.readTime', { count: n })).toContain(String(n));
      expect(missing).toEqual([]);
    });

    it(`${lng}: messages (ICU) parse and render for counts ${COUNTS.join(', ')} through @formatjs/intl`, () => {
      const messages = readJson(path.join(LOCALES_DIR, 'icu', `${lng}.json`));
      const errors: unknown[] = [];
      const intl = createIntl({ locale: lng, messages, onError: (error) => errors.push(error) });
      const ids = Object.keys(messages).filter((id) => id.startsWith('messages.'));
      expect(ids).toEqual(['messages.notifications.unread', 'messages.summit.countries', 'messages.article.updated', 'messages.share.done', 'messages.source.link', 'messages.search.hint']);
      for (const n of COUNTS) {
        const shown = intl.formatNumber(n);
        expect(intl.formatMessage({ id: 'messages.notifications.unread' }, { count: n }), `${lng} ${n}`).toBe((NOTIFICATION_FORMS[lng] as (n: string) => string)(shown));
        expect(intl.formatMessage({ id: 'messages.summit.countries' }, { count: n })).toContain(shown);
      }
      expect(intl.formatMessage({ id: 'messages.share.done' }, { gender: 'female', name: 'Айгерим' })).toContain('Айгерим');
      const link = intl.formatMessage({ id: 'messages.source.link' }, { link: (chunks: unknown) => `[${String(chunks)}]` });
      expect(String(link)).toMatch(/\[.+\]/u);
      expect(intl.formatMessage({ id: 'messages.search.hint' })).toMatch(/\{.+\}/u);
      expect(intl.formatMessage({ id: 'messages.article.updated' }, { date: new Date(Date.UTC(2023, 4, 19)), time: new Date(Date.UTC(2023, 4, 19, 16, 40)) })).toMatch(/2023/);
      expect(errors).toEqual([]);
    });
  }
});
