import { defineConfig } from './src/config/config-types.js';

// The project's own batch job: the sample article and app strings in source/ to English, Kazakh
// and Chinese, plus Kazakh in Latin script and Traditional Chinese derived from them.
// Every option and its default is documented in src/config/config-types.ts.
export default defineConfig({
  sourceLocale: 'ru',
  targets: {
    en: { engineLanguage: 'EN-US' },
    kk: { engineLanguage: 'KK' },
    zh: { engineLanguage: 'ZH-HANS' },
    // Derived from the reviewed kk and zh by converters: never sent to an engine, never paid for.
    'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn' },
    'zh-Hant': { derivedFrom: 'zh', converter: 'opencc:cn-tw' },
  },
  sources: ['source/*.ru.txt', 'source/*.ru.md', 'source/*.ru.json', 'source/*.ru.icu.json'],
  glossary: 'glossary.json',
  tm: { dir: 'tm' },
  output: { dir: 'locales', formats: ['i18next', 'icu'], incomplete: 'omit' },
  engine: { name: 'auto', batchSize: 50, concurrency: 2, requestsPerInterval: 5, intervalMs: 1000 },
});
