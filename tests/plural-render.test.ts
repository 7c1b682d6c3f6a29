/**
 * End to end through the real runtimes: Russian app strings → plans for en, kk, zh → a fake
 * translator → bundles → i18next 26 `t()` and @formatjs/intl `formatMessage`, for counts whose
 * plural category differs between the languages.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { isStructurallySame } from '@formatjs/icu-messageformat-parser/manipulator.js';
import { createIntl } from '@formatjs/intl';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { planMessage, sourceEntries, type BundleEntry, type SourceMessage } from '../src/messages/index.js';
import { readI18nextJson } from '../src/read/read-i18next-json.js';
import { readIcuMessages } from '../src/read/read-icu-messages.js';
import { formatI18nextBundle } from '../src/write/i18next-bundle.js';
import { formatIcuBundle } from '../src/write/icu-bundle.js';

const I18NEXT_SOURCE = `{
  "inbox": {
    "files_one": "{{name}}: {{count}} файл",
    "files_few": "{{name}}: {{count}} файла",
    "files_many": "{{name}}: {{count}} файлов",
    "files_other": "{{name}}: {{count}} файла дробных",
    "files_zero": "{{name}}: нет файлов"
  },
  "photos_one": "<1>{{count}}</1> фото",
  "photos_other": "<1>{{count}}</1> фото дробных",
  "title": "Входящие"
}
`;

const ICU_SOURCE = JSON.stringify(
  {
    files: { defaultMessage: '{name}: {count, plural, =0 {нет файлов} one {# файл} few {# файла} many {# файлов} other {# файла дробных}}', description: 'счётчик' },
    photos: 'У {gender, select, female {неё} other {него}} {count, plural, one {<b>#</b> фото} other {<b>#</b> фото дробных}}',
    title: 'Входящие',
  },
  null,
  2,
);

/** Every Russian word of the fixtures, glossed so the rendered text shows which source form was used. */
const GLOSSES: Record<string, string> = {
  файл: 'FILE-one',
  файла: 'FILE-few',
  файлов: 'FILE-many',
  дробных: 'FRACTION',
  нет: 'NO',
  фото: 'PHOTO',
  Входящие: 'Inbox',
  У: 'AT',
  неё: 'HER',
  него: 'HIM',
};

/** Fake engine: `[lng] ` + the text with Russian words glossed; `#`, `{…}`, `{{…}}` and tags kept. */
function fakeTranslate(lng: string, text: string): string {
  return `[${lng}] ${text.replace(/\p{Script=Cyrillic}+/gu, (word) => {
    const gloss = GLOSSES[word];
    if (gloss === undefined) throw new Error(`no gloss for ${word}`);
    return gloss;
  })}`;
}

function translateAll(messages: readonly SourceMessage[], lng: string): BundleEntry[] {
  return messages.flatMap((message) => {
    const plan = planMessage(message, 'ru', lng);
    return plan.build(plan.segments.map((segment) => fakeTranslate(lng, segment.text)));
  });
}

const COUNTS = [0, 1, 2, 5, 21, 1.5] as const;

/** Which source form each count must show: the categories differ per language, the choice is fixed. */
const EXPECTED: Record<string, Record<(typeof COUNTS)[number], string>> = {
  en: { 0: 'many', 1: 'one', 2: 'many', 5: 'many', 21: 'many', 1.5: 'many' },
  kk: { 0: 'many', 1: 'one', 2: 'many', 5: 'many', 21: 'many', 1.5: 'many' },
  zh: { 0: 'many', 1: 'many', 2: 'many', 5: 'many', 21: 'many', 1.5: 'many' },
  ru: { 0: 'many', 1: 'one', 2: 'few', 5: 'many', 21: 'one', 1.5: 'other' },
};
const MARK: Record<string, string> = { one: 'FILE-one', few: 'FILE-few', many: 'FILE-many', other: 'FILE-few FRACTION' };

async function i18nextFor(lng: string, bundle: string) {
  const problems: unknown[] = [];
  const instance = i18next.createInstance().use({
    type: 'logger',
    log: () => {},
    warn: (...args: unknown[]) => problems.push(['warn', ...args]),
    error: (...args: unknown[]) => problems.push(['error', ...args]),
  });
  await instance.init({
    lng,
    fallbackLng: false,
    ns: ['app'],
    defaultNS: 'app',
    resources: { [lng]: { app: JSON.parse(bundle) as Record<string, unknown> } },
    saveMissing: true,
    missingKeyHandler: (...args: unknown[]) => problems.push(['missing', ...args]),
    missingInterpolationHandler: (...args: unknown[]) => problems.push(['interpolation', ...args]),
    debug: true, // so warnings reach the logger above
  });
  return { t: instance.t.bind(instance), problems };
}

function intlFor(locale: string, bundle: string) {
  const problems: unknown[] = [];
  const intl = createIntl({ locale, messages: JSON.parse(bundle) as Record<string, string>, onError: (error) => problems.push(error) });
  return { intl, problems };
}

describe('plural rebuild rendered by i18next 26', () => {
  const messages = readI18nextJson(I18NEXT_SOURCE, 'source/app.ru.json', 'ru');

  it.each(['en', 'kk', 'zh'])('%s: each count shows the form chosen for it', async (lng) => {
    const bundle = formatI18nextBundle(translateAll(messages, lng));
    const { t, problems } = await i18nextFor(lng, bundle);
    for (const count of COUNTS) {
      // `_zero` was carried to every target: count 0 shows it, whatever the target's categories.
      expect(t('inbox.files', { count, name: 'Ann' })).toBe(
        count === 0 ? `[${lng}] Ann: NO FILE-many` : `[${lng}] Ann: ${count} ${MARK[EXPECTED[lng]![count]]}`,
      );
      expect(t('photos', { count })).toBe(`[${lng}] <1>${count}</1> PHOTO${EXPECTED[lng]![count] === 'one' ? '' : ' FRACTION'}`);
    }
    expect(t('title')).toBe(`[${lng}] Inbox`);
    expect(problems).toEqual([]);
    t('inbox.nope'); // the handlers are wired: a missing key is reported
    expect(problems).toHaveLength(1);
  });

  it('writes the source-locale bundle back as it was read', async () => {
    const bundle = formatI18nextBundle(messages.flatMap(sourceEntries));
    expect(JSON.parse(bundle)).toEqual(JSON.parse(I18NEXT_SOURCE));
    const { t, problems } = await i18nextFor('ru', bundle);
    for (const count of COUNTS.filter((c) => c !== 0)) {
      expect(t('inbox.files', { count, name: 'Аня' })).toContain(
        { one: ' файл', few: ' файла', many: ' файлов', other: ' файла дробных' }[EXPECTED.ru![count]]!,
      );
    }
    expect(t('inbox.files', { count: 0, name: 'Аня' })).toBe('Аня: нет файлов');
    expect(problems).toEqual([]);
  });
});

describe('plural rebuild rendered by @formatjs/intl', () => {
  const messages = readIcuMessages(ICU_SOURCE, 'source/app.ru.icu.json');

  it.each(['en', 'kk', 'zh'])('%s: every message parses, keeps its structure and shows the chosen form', (lng) => {
    const entries = translateAll(messages, lng);
    for (const [i, entry] of entries.entries()) {
      expect(isStructurallySame(parse(messages[i]!.text), parse(entry.value))).toEqual({ success: true });
    }
    const { intl, problems } = intlFor(lng, formatIcuBundle([['app', entries]]));
    const format = (id: string, values: Record<string, unknown>) => intl.formatMessage({ id }, values as Record<string, string>);
    for (const count of COUNTS) {
      const shown = new Intl.NumberFormat(lng).format(count);
      expect(format('app.files', { count, name: 'Ann' })).toBe(
        count === 0 ? `[${lng}] Ann: NO FILE-many` : `[${lng}] Ann: ${shown} ${MARK[EXPECTED[lng]![count]]}`,
      );
      const photos = format('app.photos', { count, gender: 'female', b: (chunks: string[]) => `*${chunks.join('')}*` });
      expect(photos).toBe(`[${lng}] AT HER *${shown}* PHOTO${EXPECTED[lng]![count] === 'one' ? '' : ' FRACTION'}`);
    }
    expect(format('app.title', {})).toBe(`[${lng}] Inbox`);
    expect(problems).toEqual([]);
    format('app.nope', {}); // onError is wired: a missing id is reported
    expect(problems).toHaveLength(1);
  });
});

describe('bundle writers', () => {
  it('nests i18next paths in first-seen order, byte-identical to JSON.stringify', () => {
    const entries: BundleEntry[] = [
      { path: ['menu', '10'], value: 'ten' },
      { path: ['menu', '2'], value: 'two "q"' },
      { path: ['title'], value: '{{name}} $t(menu.2)' },
      { path: ['menu', 'deep', 'x'], value: 'икс' },
    ];
    const out = formatI18nextBundle(entries);
    expect(out).toBe(
      '{\n  "menu": {\n    "10": "ten",\n    "2": "two \\"q\\"",\n    "deep": {\n      "x": "икс"\n    }\n  },\n  "title": "{{name}} $t(menu.2)"\n}\n',
    );
    const named = formatI18nextBundle([{ path: ['b', 'x'], value: 'икс' }, { path: ['a'], value: 'а\n«б»' }, { path: ['b', 'y'], value: '' }]);
    expect(named).toBe(`${JSON.stringify({ b: { x: 'икс', y: '' }, a: 'а\n«б»' }, null, 2)}\n`);
    expect(formatI18nextBundle([])).toBe('{}\n');
  });

  it('refuses a key that is both a text and a parent, and a key written twice', () => {
    const leafThenParent = () => formatI18nextBundle([{ path: ['a'], value: 'x' }, { path: ['a', 'b'], value: 'y' }]);
    expect(leafThenParent).toThrow(TilmashError);
    expect(leafThenParent).toThrow(/"a" is both a text and an object/);
    expect(() => formatI18nextBundle([{ path: ['a', 'b'], value: 'y' }, { path: ['a'], value: 'x' }])).toThrow(/"a" is both a text and an object/);
    expect(() => formatI18nextBundle([{ path: ['a', 'b'], value: 'y' }, { path: ['a', 'b'], value: 'x' }])).toThrow(/"a.b" is written twice/);
  });

  it('writes one flat ICU object ordered by namespace, then entries', () => {
    const out = formatIcuBundle([
      ['nav', [{ path: ['home'], value: 'Главная' }, { path: ['a', 'b'], value: '{n, plural, other {# шт.}}' }]],
      ['app', [{ path: ['10'], value: 'десять' }]],
    ]);
    expect(out).toBe('{\n  "nav.home": "Главная",\n  "nav.a.b": "{n, plural, other {# шт.}}",\n  "app.10": "десять"\n}\n');
    expect(() => formatIcuBundle([['n', [{ path: ['a.b'], value: '1' }, { path: ['a', 'b'], value: '2' }]]])).toThrow(/"n.a.b" is written twice/);
  });
});
