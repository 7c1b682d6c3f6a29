/**
 * The committed bundles in locales/ load in the real runtimes: i18next 26 (JSON v4) and
 * @formatjs/intl (ICU), render every key to the text of the bundle, and are complete and plausible.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/project.js';

const LOCALES_DIR = path.join(REPO, 'locales');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;

/** lng → namespace → flat bundle, from locales/<lng>/<ns>.json. */
function loadI18nextBundles(): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const lng of readdirSync(LOCALES_DIR).sort()) {
    if (lng === 'icu') continue;
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
  it('hold the source locale and the three targets', () => {
    expect(LNGS).toEqual(['en', 'kk', 'ru', 'zh']);
    expect(readdirSync(path.join(LOCALES_DIR, 'icu')).sort()).toEqual(['en.json', 'kk.json', 'ru.json', 'zh.json']);
    for (const lng of LNGS) expect(Object.keys(bundles[lng] ?? {}), lng).toContain('article');
  });

  for (const lng of ['en', 'kk', 'ru', 'zh']) {
    it(`${lng}: i18next renders every key to its JSON value, and the ICU message renders the same text`, async () => {
      const resources = bundles[lng] as Record<string, Record<string, string>>;
      const namespaces = Object.keys(resources);
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
      // The ICU file holds exactly the i18next keys, in the same order.
      expect(Object.keys(icuMessages)).toEqual(ids);
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
