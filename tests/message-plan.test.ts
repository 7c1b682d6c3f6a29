import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { isStructurallySame } from '@formatjs/icu-messageformat-parser/manipulator.js';
import { describe, expect, it } from 'vitest';
import { planMessage, type SourceMessage } from '../src/messages/index.js';
import { pluralCategories } from '../src/messages/plural-categories.js';
import { mapPluralForms } from '../src/messages/plural-mapping.js';
import { pluralSamples } from '../src/messages/plural-samples.js';

const FILES: SourceMessage = {
  path: ['panel', 'files'],
  line: 3,
  syntax: 'i18next',
  text: '{{count}} файла (дробь)',
  pluralForms: [
    { category: 'one', text: '{{count}} файл' },
    { category: 'few', text: '{{count}} файла' },
    { category: 'many', text: '{{count}} файлов' },
    { category: 'other', text: '{{count}} файла (дробь)' },
  ],
};

/** A translator that shows which segment went where: `<lng>:` + the source text. */
function build(message: SourceMessage, target: string) {
  const plan = planMessage(message, 'ru', target);
  return { plan, entries: plan.build(plan.segments.map((s) => `${target}:${s.text}`)) };
}

const icu = (text: string, description?: string): SourceMessage => ({
  path: ['m'],
  line: 1,
  syntax: 'icu',
  text,
  ...(description === undefined ? {} : { description }),
});

function builtIcu(text: string, target: string, translate = (s: string) => `${target}:${s}`) {
  const plan = planMessage(icu(text), 'ru', target);
  const value = plan.build(plan.segments.map((s) => translate(s.text)))[0]!.value;
  return { plan, value };
}

function expectSameStructure(source: string, built: string): MessageFormatElement[] {
  const ast = parse(built);
  expect(isStructurallySame(parse(source), ast)).toEqual({ success: true });
  return ast;
}

describe('plural samples and form mapping', () => {
  it('takes categories and samples from Intl, integers first', () => {
    expect(pluralCategories('ru', 'cardinal')).toEqual(['one', 'few', 'many', 'other']);
    expect(Object.fromEntries(pluralSamples('ru', 'cardinal'))).toEqual({ many: 0, one: 1, few: 2, other: 0.5 });
    expect(Object.fromEntries(pluralSamples('en', 'cardinal'))).toEqual({ other: 0, one: 1 });
    expect(pluralSamples('fr', 'cardinal').get('many')).toBe(1_000_000);
    for (const locale of ['ru', 'en', 'kk', 'zh', 'ar', 'cy', 'lv', 'pl', 'fr', 'ga', 'he', 'sl']) {
      for (const type of ['cardinal', 'ordinal'] as const) {
        const samples = pluralSamples(locale, type);
        const rules = new Intl.PluralRules(locale, { type });
        for (const category of pluralCategories(locale, type)) expect(rules.select(samples.get(category)!)).toBe(category);
      }
    }
  });

  it('maps each target form to the source form of its sample, else other', () => {
    const all = new Set(['one', 'few', 'many', 'other']);
    expect(mapPluralForms('ru', 'en', 'cardinal', all)).toEqual([
      { target: 'one', source: 'one' },
      { target: 'other', source: 'many' },
    ]);
    expect(mapPluralForms('ru', 'zh', 'cardinal', all)).toEqual([{ target: 'other', source: 'many' }]);
    expect(mapPluralForms('ru', 'en', 'cardinal', new Set(['one', 'few', 'other']))).toEqual([
      { target: 'one', source: 'one' },
      { target: 'other', source: 'other' },
    ]);
  });
});

describe('planMessage, i18next', () => {
  it('plans a plain key as one segment with the description as context', () => {
    const plan = planMessage({ path: ['a', 'b'], line: 1, syntax: 'i18next', text: 'Привет, {{name}}!', description: 'шапка' }, 'ru', 'en');
    expect(plan.segments).toEqual([{ text: 'Привет, {{name}}!', context: 'шапка' }]);
    expect(plan.build(['Hello, {{name}}!'])).toEqual([{ path: ['a', 'b'], value: 'Hello, {{name}}!' }]);
  });

  it('copies a text without words and sends nothing', () => {
    const plan = planMessage({ path: ['n'], line: 1, syntax: 'i18next', text: '{{count}} <1></1> ' }, 'ru', 'en');
    expect(plan.segments).toEqual([]);
    expect(plan.build([])).toEqual([{ path: ['n'], value: '{{count}} <1></1> ' }]);
  });

  it('rebuilds ru one/few/many/other as en and kk one/other, zh other', () => {
    for (const target of ['en', 'kk']) {
      const { plan, entries } = build(FILES, target);
      expect(plan.segments.map((s) => s.text)).toEqual(['{{count}} файл', '{{count}} файлов']);
      expect(entries).toEqual([
        { path: ['panel', 'files_one'], value: `${target}:{{count}} файл` },
        { path: ['panel', 'files_other'], value: `${target}:{{count}} файлов` },
      ]);
    }
    const { plan, entries } = build(FILES, 'zh');
    expect(plan.segments.map((s) => s.text)).toEqual(['{{count}} файлов']);
    expect(entries).toEqual([{ path: ['panel', 'files_other'], value: 'zh:{{count}} файлов' }]);
  });

  it('carries _zero to every target, first', () => {
    const withZero = { ...FILES, pluralForms: [...FILES.pluralForms!, { category: 'zero', text: 'Нет файлов' }] };
    expect(build(withZero, 'zh').entries).toEqual([
      { path: ['panel', 'files_zero'], value: 'zh:Нет файлов' },
      { path: ['panel', 'files_other'], value: 'zh:{{count}} файлов' },
    ]);
    expect(build(withZero, 'en').entries.map((e) => e.path[1])).toEqual(['files_zero', 'files_one', 'files_other']);
    // lv has a CLDR zero form (0, 10, 11 …) under the same key: the CLDR form wins.
    expect(build(withZero, 'lv').entries).toEqual([
      { path: ['panel', 'files_zero'], value: 'lv:{{count}} файлов' },
      { path: ['panel', 'files_one'], value: 'lv:{{count}} файл' },
      { path: ['panel', 'files_other'], value: 'lv:{{count}} файла' }, // sample 2: ru few
    ]);
  });

  it('rebuilds an ordinal group with the target ordinal categories', () => {
    const place: SourceMessage = { path: ['place'], line: 1, syntax: 'i18next', text: '{{count}}-е место', ordinal: true, pluralForms: [{ category: 'other', text: '{{count}}-е место' }] };
    const { plan, entries } = build(place, 'en');
    expect(plan.segments).toEqual([{ text: '{{count}}-е место', label: 'ordinal: one, two, few, other' }]);
    expect(entries.map((e) => e.path[0])).toEqual(['place_ordinal_one', 'place_ordinal_two', 'place_ordinal_few', 'place_ordinal_other']);
    expect(build(place, 'kk').entries.map((e) => e.path[0])).toEqual(['place_ordinal_many', 'place_ordinal_other']);
  });

  it('refuses a translation count that does not match the segments', () => {
    expect(() => planMessage(FILES, 'ru', 'en').build(['one'])).toThrow(/1 translations for 2 segments/);
  });
});

describe('planMessage, ICU', () => {
  it('sends a message without selectors as it is, with its description', () => {
    const plan = planMessage(icu("Привет, <b>{name}</b>! '{'скобки'}'", 'кнопка'), 'ru', 'en');
    expect(plan.segments).toEqual([{ text: "Привет, <b>{name}</b>! '{'скобки'}'", context: 'кнопка' }]);
  });

  it('hoists, keeps =0 and =1, maps categories and keeps # as #', () => {
    const source = 'У вас {count, plural, =0 {нет файлов} =1 {один файл} one {# файл} few {# файла} many {# файлов} other {# файла}} в папке.';
    const en = builtIcu(source, 'en');
    expect(en.plan.segments.map((s) => s.text)).toEqual([
      'У вас нет файлов в папке.',
      'У вас один файл в папке.',
      'У вас # файл в папке.',
      'У вас # файлов в папке.',
    ]);
    expect(en.value).toBe(
      '{count, plural, =0 {en:У вас нет файлов в папке.} =1 {en:У вас один файл в папке.} one {en:У вас # файл в папке.} other {en:У вас # файлов в папке.}}',
    );
    expectSameStructure(source, en.value);
    const zh = builtIcu(source, 'zh');
    expect(zh.value).toBe('{count, plural, =0 {zh:У вас нет файлов в папке.} =1 {zh:У вас один файл в папке.} other {zh:У вас # файлов в папке.}}');
    expectSameStructure(source, zh.value);
  });

  it('quotes a literal # that moves into a plural branch', () => {
    const source = 'Номер #{n, plural, one {# файл} other {# файла}}';
    const { plan, value } = builtIcu(source, 'en', (s) => s);
    expect(plan.segments.map((s) => s.text)).toEqual(["Номер '#'# файл", "Номер '#'# файла"]);
    expectSameStructure(source, value);
  });

  it('keeps offset:, and leaves beside a selector when the offset # cannot move', () => {
    const source = '{n, plural, offset:1 =0 {никого} =1 {{name}} one {{name} и ещё # человек} other {{name} и ещё # {g, select, a {гостей} other {людей}}}}';
    const kk = builtIcu(source, 'kk');
    expect(kk.plan.segments.map((s) => s.text)).toEqual(['никого', '{name} и ещё # человек', '{name} и ещё #', 'гостей', 'людей']);
    expect(kk.value).toBe(
      '{n, plural, offset:1 =0 {kk:никого} =1 {{name}} one {kk:{name} и ещё # человек} other {kk:{name} и ещё # {g, select, a {kk:гостей} other {kk:людей}}}}',
    );
    expectSameStructure(source, kk.value);
  });

  it('hoists nested select + plural into whole sentences', () => {
    const source = '{g, select, male {Он добавил {n, plural, one {# фото} few {# фото} many {# фото} other {# фото}} в альбом} other {Они добавили {n, plural, one {# фото} other {# фото}}}}';
    const en = builtIcu(source, 'en');
    expect(en.plan.segments.map((s) => s.text)).toEqual(['Он добавил # фото в альбом', 'Они добавили # фото']);
    expect(en.value).toBe(
      '{g, select, male {{n, plural, one {en:Он добавил # фото в альбом} other {en:Он добавил # фото в альбом}}} other {{n, plural, one {en:Они добавили # фото} other {en:Они добавили # фото}}}}',
    );
    expectSameStructure(source, en.value);
  });

  it('keeps every option of a select', () => {
    const source = '{role, select, admin {Администратор} editor {Редактор} other {Гость}}';
    const zh = builtIcu(source, 'zh');
    expect(zh.value).toBe('{role, select, admin {zh:Администратор} editor {zh:Редактор} other {zh:Гость}}');
    expectSameStructure(source, zh.value);
  });

  it('uses ordinal rules for selectordinal', () => {
    const source = '{n, selectordinal, other {#-е место}}';
    const en = builtIcu(source, 'en');
    expect(en.plan.segments).toEqual([{ text: '#-е место', label: 'ordinal: one, two, few, other' }]);
    expect(en.value).toBe('{n, selectordinal, one {en:#-е место} two {en:#-е место} few {en:#-е место} other {en:#-е место}}');
    expectSameStructure(source, en.value);
    expect(builtIcu(source, 'kk').value).toBe('{n, selectordinal, many {kk:#-е место} other {kk:#-е место}}');
  });
});
