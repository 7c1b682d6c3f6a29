import { describe, expect, test } from 'vitest';
import { TilmashError } from '../src/errors.js';
import type { SourceBlock } from '../src/read/source-block.js';
import { assignKeys, formatKeyMap, type KeyMap, keyMapFileOf, parseKeyMap } from '../src/keys/index.js';
import { KEY_PATTERN, MAX_KEY_LENGTH, uniqueSlugKey } from '../src/keys/slug-key.js';
import { transliterate } from '../src/keys/transliterate.js';
import { thrownBy } from './helpers/thrown.js';

const b = (kind: SourceBlock['kind'], text: string, line = 1): SourceBlock => ({ kind, text, line });

const TITLE = b('title', 'Саммит «Центральная Азия — Китай» прошёл в Сиане');
const LEAD = b(
  'paragraph',
  'Председатель КНР Си Цзиньпин на первом очном саммите «Центральная Азия — Китай» в Сиане предложил странам региона план сотрудничества.',
);
const CAPTION = b('caption', 'Фото: пресс-служба Акорды');
const HEADING = b('heading', 'Транспорт и логистика');
const INTRO = b('paragraph', 'Стороны договорились ускорить реализацию совместных проектов:');
const RAIL = b('list-item', 'строительство железной дороги Китай — Кыргызстан — Узбекистан;');
const BORDER = b('list-item', 'модернизация пограничных переходов;');
const MULTI = b('list-item', 'развитие мультимодальных перевозок.');
const NEXT = b('paragraph', 'Следующий саммит пройдёт в 2025 году в Казахстане.');

const DOC: readonly SourceBlock[] = [TITLE, LEAD, CAPTION, HEADING, INTRO, RAIL, BORDER, MULTI, NEXT];
const DOC_KEYS = [
  'title',
  'p-predsedatel-knr-si',
  'caption-foto-press-sluzhba',
  'h-transport-i-logistika',
  'p-storony-dogovorilis-uskorit',
  'li-stroitelstvo-zheleznoj-dorogi',
  'li-modernizaciya-pogranichnyh',
  'li-razvitie-multimodalnyh',
  'p-sleduyushchij-sammit-projdyot',
];

const first = assignKeys(DOC, undefined);
const keyOf = (block: SourceBlock): string => DOC_KEYS[DOC.indexOf(block)]!;

/** Assigns keys to `blocks` against the first map and checks every old block kept its key. */
function reassign(blocks: readonly SourceBlock[], previous: KeyMap = first.map): string[] {
  const { keys, map } = assignKeys(blocks, previous);
  expect(map.blocks.map((e) => e.key)).toEqual(keys);
  expect(map.blocks.map((e) => e.text)).toEqual(blocks.map((x) => x.text));
  expect(new Set(keys).size).toBe(keys.length);
  return keys;
}

describe('transliterate / uniqueSlugKey', () => {
  test('Russian and Kazakh letters follow the table; Latin and digits kept; the rest separates', () => {
    expect(transliterate('Ёж, щука и подъезд: ЮЯ-ЭЫЬ')).toBe('yozh shchuka i podezd yuya eyj'.replace('eyj', 'ey'));
    expect(transliterate('Әнұран, Ғалым, Қазақ, Ң, Өзен, Ұлы, Үй, Һ, Іс')).toBe('anuran galym qazaq n ozen uly uj h is');
    expect(transliterate('G20 — Café № 5.1_x')).toBe('g20 cafe 5 1 x');
  });

  test('kind prefix + first 3 words, within MAX_KEY_LENGTH, only [a-z0-9-]', () => {
    const free = (): boolean => false;
    const titleTaken = (key: string): boolean => key === 'title';
    expect(uniqueSlugKey('paragraph', LEAD.text, free)).toBe('p-predsedatel-knr-si');
    expect(uniqueSlugKey('title', TITLE.text, free)).toBe('title');
    expect(uniqueSlugKey('title', TITLE.text, titleTaken)).toBe('title-sammit-centralnaya-aziya');
    expect(uniqueSlugKey('list-item', 'Достопримечательности Объединённых Арабских Эмиратов', free)).toBe('li-dostoprimechatelnosti');
    expect(uniqueSlugKey('paragraph', 'Достопримечательностидостопримечательности', free)).toBe('p-dostoprimechatelnostidostoprim');
    expect(uniqueSlugKey('caption', '2023 год.', free)).toBe('caption-2023-god');
    expect(uniqueSlugKey('paragraph', '*** — …', free)).toBe('p-1');
    expect(uniqueSlugKey('heading', '北京', free)).toBe('h-1');
    expect(uniqueSlugKey('title', '—', titleTaken)).toBe('title-2');
    for (const block of DOC) {
      const key = uniqueSlugKey(block.kind, block.text, titleTaken);
      expect(key).toMatch(KEY_PATTERN);
      expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    }
  });

  test('a taken key gets the next free suffix', () => {
    const taken = new Set(['p-predsedatel-knr-si', 'p-predsedatel-knr-si-2', 'p-1']);
    expect(uniqueSlugKey('paragraph', LEAD.text, (key) => taken.has(key))).toBe('p-predsedatel-knr-si-3');
    expect(uniqueSlugKey('paragraph', '***', (key) => taken.has(key))).toBe('p-2');
  });
});

describe('assignKeys', () => {
  test('first assignment gives readable keys and a map of the blocks', () => {
    expect(first.keys).toEqual(DOC_KEYS);
    expect(first.map).toEqual({
      version: 1,
      blocks: DOC.map((x, i) => ({ key: DOC_KEYS[i], kind: x.kind, text: x.text })),
    });
  });

  test('the same document again gives the same keys and map', () => {
    expect(assignKeys(DOC, first.map)).toEqual(first);
  });

  const NEW = b('paragraph', 'Лидеры также обсудили вопросы водных ресурсов.');
  test.each([
    ['start', 0],
    ['middle', 4],
    ['end', DOC.length],
  ])('inserting a block at the %s keeps every old key', (_where, at) => {
    const blocks = [...DOC.slice(0, at), NEW, ...DOC.slice(at)];
    const keys = reassign(blocks);
    expect(keys).toEqual([...DOC_KEYS.slice(0, at), 'p-lidery-takzhe-obsudili', ...DOC_KEYS.slice(at)]);
  });

  test('deleting blocks keeps the other keys', () => {
    expect(reassign(DOC.filter((x) => x !== BORDER))).toEqual(DOC_KEYS.filter((k) => k !== keyOf(BORDER)));
    expect(reassign(DOC.filter((x) => x !== TITLE && x !== NEXT))).toEqual(DOC_KEYS.slice(1, -1));
  });

  test('moving blocks keeps all keys', () => {
    const moved = [TITLE, CAPTION, LEAD, HEADING, INTRO, MULTI, RAIL, BORDER, NEXT];
    expect(reassign(moved)).toEqual(moved.map(keyOf));
    const reversed = [...DOC].reverse();
    expect(reassign(reversed)).toEqual(reversed.map(keyOf));
  });

  test('editing a few words keeps the key, even when the first words change', () => {
    const edited = b('paragraph', LEAD.text.replace('план сотрудничества', 'новый план экономического сотрудничества'));
    const renamed = b('paragraph', LEAD.text.replace('Председатель', 'Глава'));
    const rail = b('list-item', 'строительство железной дороги Китай — Кыргызстан — Узбекистан до 2030 года;');
    expect(reassign(DOC.map((x) => (x === LEAD ? edited : x)))).toEqual(DOC_KEYS);
    expect(reassign(DOC.map((x) => (x === LEAD ? renamed : x)))).toEqual(DOC_KEYS);
    const keys = reassign(DOC.map((x) => (x === LEAD ? renamed : x === RAIL ? rail : x)));
    expect(keys).toEqual(DOC_KEYS);
  });

  test('an edit is remembered: the next run matches the edited text exactly', () => {
    const edited = b('caption', 'Фото: пресс-служба Акорды и МИД РК');
    const second = assignKeys(DOC.map((x) => (x === CAPTION ? edited : x)), first.map);
    expect(second.map.blocks[2]).toEqual({ key: 'caption-foto-press-sluzhba', kind: 'caption', text: edited.text });
    expect(assignKeys([edited], second.map).keys).toEqual(['caption-foto-press-sluzhba']);
  });

  test('editing and moving at once keeps the keys', () => {
    const border = b('list-item', 'модернизация всех пограничных переходов;');
    const intro = b('paragraph', 'Стороны договорились значительно ускорить реализацию совместных проектов:');
    const blocks = [TITLE, border, LEAD, CAPTION, HEADING, RAIL, MULTI, intro, NEXT];
    expect(reassign(blocks)).toEqual([TITLE, BORDER, LEAD, CAPTION, HEADING, RAIL, MULTI, INTRO, NEXT].map(keyOf));
  });

  test('a rewritten block or a changed kind gets a new key', () => {
    const rewritten = b('caption', 'Иллюстрация: РИА Новости');
    expect(reassign(DOC.map((x) => (x === CAPTION ? rewritten : x)))[2]).toBe('caption-illyustraciya-ria');
    const asHeading = b('heading', NEXT.text);
    expect(reassign(DOC.map((x) => (x === NEXT ? asHeading : x)))[8]).toBe('h-sleduyushchij-sammit-projdyot');
  });

  test('two blocks with identical text get distinct keys, stable across runs and edits', () => {
    const doc = [TITLE, RAIL, CAPTION, RAIL, NEXT];
    const one = assignKeys(doc, undefined);
    expect(one.keys).toEqual([
      'title',
      'li-stroitelstvo-zheleznoj-dorogi',
      'caption-foto-press-sluzhba',
      'li-stroitelstvo-zheleznoj-dorogi-2',
      'p-sleduyushchij-sammit-projdyot',
    ]);
    expect(assignKeys(doc, one.map)).toEqual(one);
    // Deleting the first copy: the remaining copy pairs with the first entry (in order).
    expect(reassign([TITLE, CAPTION, RAIL, NEXT], one.map)).toEqual([
      'title',
      'caption-foto-press-sluzhba',
      'li-stroitelstvo-zheleznoj-dorogi',
      'p-sleduyushchij-sammit-projdyot',
    ]);
  });

  test('a new block whose slug collides with a kept key is suffixed; kept keys are never reused', () => {
    const twin = b('paragraph', 'Председатель КНР Си Цзиньпин также встретился с президентом Казахстана.');
    const twin2 = b('paragraph', 'Председатель КНР Си Цзиньпин вручил награды.');
    const keys = reassign([...DOC, twin, twin2]);
    expect(keys.slice(0, DOC.length)).toEqual(DOC_KEYS);
    expect(keys.slice(DOC.length)).toEqual(['p-predsedatel-knr-si-2', 'p-predsedatel-knr-si-3']);
    // Inserted before the original: the original still keeps the bare key.
    expect(reassign([twin, ...DOC])).toEqual(['p-predsedatel-knr-si-2', ...DOC_KEYS]);
    // A second title gets a readable key of its own.
    expect(reassign([...DOC, b('title', 'Приложение')]).at(-1)).toBe('title-prilozhenie');
  });

  test('blocks without letters get numbered fallback keys', () => {
    const one = assignKeys([b('paragraph', '***'), b('paragraph', '* * *'), b('title', '—')], undefined);
    expect(one.keys).toEqual(['p-1', 'p-2', 'title']);
  });

  test('similar matching is greedy on the best pairs', () => {
    const a = b('paragraph', 'Стороны подписали соглашение о торговле и инвестициях.');
    const c = b('paragraph', 'Стороны подписали соглашение о торговле и транзите.');
    const one = assignKeys([a, c], undefined);
    expect(one.keys).toEqual(['p-storony-podpisali-soglashenie', 'p-storony-podpisali-soglashenie-2']);
    // Both edited and swapped: each goes to its closest previous entry.
    const a2 = b('paragraph', 'Стороны подписали соглашение о торговле и инвестициях в 2024 году.');
    const c2 = b('paragraph', 'Стороны подписали соглашение о торговле и транзите в 2024 году.');
    expect(reassign([c2, a2], one.map)).toEqual(['p-storony-podpisali-soglashenie-2', 'p-storony-podpisali-soglashenie']);
  });

  test('a thousand blocks, all edited and reordered, keep their keys', () => {
    const many = Array.from({ length: 1000 }, (_, i) => b('paragraph', `Абзац номер ${i} о сотрудничестве стран региона.`));
    const one = assignKeys(many, undefined);
    const edited = many.map((x) => b('paragraph', `${x.text} Дополнение.`)).reverse();
    const two = assignKeys(edited, one.map);
    expect(two.keys).toEqual([...one.keys].reverse());
  });
});

describe('key map file', () => {
  const FILE = 'source/article.keys.json';
  const SMALL: KeyMap = {
    version: 1,
    blocks: [
      { key: 'title', kind: 'title', text: 'Саммит в Сиане' },
      { key: 'p-on-skazal', kind: 'paragraph', text: 'Он сказал: "Да" \\ нет.' },
      { key: 'li-1', kind: 'list-item', text: '***' },
    ],
  };
  const SMALL_TEXT = [
    '{',
    '  "version": 1,',
    '  "blocks": [',
    '    { "key": "title", "kind": "title", "text": "Саммит в Сиане" },',
    '    { "key": "p-on-skazal", "kind": "paragraph", "text": "Он сказал: \\"Да\\" \\\\ нет." },',
    '    { "key": "li-1", "kind": "list-item", "text": "***" }',
    '  ]',
    '}',
    '',
  ].join('\n');

  test('formatKeyMap is byte-exact and parseKeyMap reads it back', () => {
    expect(formatKeyMap(SMALL)).toBe(SMALL_TEXT);
    expect(parseKeyMap(SMALL_TEXT, FILE)).toEqual(SMALL);
    expect(formatKeyMap(parseKeyMap(formatKeyMap(first.map), FILE))).toBe(formatKeyMap(first.map));
    expect(parseKeyMap(formatKeyMap(first.map), FILE)).toEqual(first.map);
    const empty: KeyMap = { version: 1, blocks: [] };
    expect(formatKeyMap(empty)).toBe('{\n  "version": 1,\n  "blocks": []\n}\n');
    expect(parseKeyMap(formatKeyMap(empty), FILE)).toEqual(empty);
  });

  test('parseKeyMap accepts other layouts (JSON.stringify, BOM)', () => {
    expect(parseKeyMap(`\uFEFF${JSON.stringify(SMALL, null, 2)}`, FILE)).toEqual(SMALL);
  });

  const entries = (...items: string[]): string =>
    `{\n  "version": 1,\n  "blocks": [\n${items.map((x) => `    ${x}`).join(',\n')}\n  ]\n}\n`;
  const OK0 = '{ "key": "title", "kind": "title", "text": "Саммит" }';
  const ENTRY_FIX = 'fix the entry or delete the file to regenerate keys (keys of existing translations will change)';

  test.each<[string, string, (string | RegExp)[]]>([
    ['syntax error', '{\n  "version": 1,\n  "blocks": [\n    { "key": "title", }\n  ]\n}\n', [/article\.keys\.json:4:\d+: key map is not valid JSON/]],
    ['empty file', '', [`${FILE}:1:1`, 'not valid JSON']],
    ['not an object', '[]', ['must be a JSON object']],
    ['wrong version', '{ "version": 2, "blocks": [] }', ['"version" 2, expected 1']],
    ['missing version', '{ "blocks": [] }', ['"version" nothing, expected 1']],
    ['missing blocks', '{ "version": 1 }', ['"blocks" array']],
    ['entry not an object', entries(OK0, '"p-x"'), [`${FILE}:5: blocks[1]: entry must be an object`, ENTRY_FIX]],
    ['missing key', entries('{ "kind": "title", "text": "x" }'), [`${FILE}:4: blocks[0]: entry needs a string "key"`]],
    ['key not a string', entries(OK0, '{ "key": 7, "kind": "title", "text": "x" }'), ['blocks[1]: entry needs a string "key"']],
    ['dot in key', entries(OK0, '{ "key": "p.x", "kind": "paragraph", "text": "x" }'), [`${FILE}:5: blocks[1] (key "p.x"): key may only have`, ENTRY_FIX]],
    ['underscore in key', entries('{ "key": "p_one", "kind": "paragraph", "text": "x" }'), ['blocks[0] (key "p_one")', '"_"']],
    ['uppercase key', entries('{ "key": "P-x", "kind": "paragraph", "text": "x" }'), ['(key "P-x"): key may only have']],
    ['empty key', entries('{ "key": "", "kind": "paragraph", "text": "x" }'), ['(key ""): key may only have']],
    ['duplicate key', entries(OK0, '{ "key": "p-x", "kind": "paragraph", "text": "x" }', '{ "key": "p-x", "kind": "paragraph", "text": "y" }'), [`${FILE}:6: blocks[2] (key "p-x"): key is already used by blocks[1]`, ENTRY_FIX]],
    ['unknown kind', entries('{ "key": "p-x", "kind": "para", "text": "x" }'), ['(key "p-x"): entry has "kind" "para", expected one of title, heading']],
    ['missing kind', entries('{ "key": "p-x", "text": "x" }'), ['"kind" missing']],
    ['text not a string', entries('{ "key": "p-x", "kind": "paragraph", "text": 1 }'), ['(key "p-x"): entry needs a string "text"']],
  ])('%s → badSource naming the file, the place and the fix', (_name, text, fragments) => {
    const err = thrownBy(() => parseKeyMap(text, FILE), TilmashError, 'badSource');
    expect(err.file).toBe(FILE);
    expect(err.message.startsWith(FILE)).toBe(true);
    expect(err.message).toContain('delete');
    for (const fragment of fragments) {
      if (typeof fragment === 'string') expect(err.message).toContain(fragment);
      else expect(err.message).toMatch(fragment);
    }
  });

  test('keyMapFileOf: beside the source, without the source locale', () => {
    expect(keyMapFileOf('source/article.ru.md', 'ru')).toBe('source/article.keys.json');
    expect(keyMapFileOf('source/article.txt', 'ru')).toBe('source/article.keys.json');
    expect(keyMapFileOf('source/notes.en.markdown', 'ru')).toBe('source/notes.en.keys.json');
  });

  test('a key twice in one entry is refused with both lines', () => {
    expect(() => parseKeyMap(entries('{ "key": "title",\n      "key": "h-x", "kind": "title", "text": "x" }'), FILE)).toThrow(
      `${FILE}:5: key "key" appears twice in one object (lines 4 and 5)`,
    );
  });

  test('entry lines are found in a multi-line layout too', () => {
    const text = JSON.stringify({ version: 1, blocks: [SMALL.blocks[0], { ...SMALL.blocks[1], key: 'p.x' }] }, null, 2);
    expect(() => parseKeyMap(text, FILE)).toThrow(`${FILE}:9: blocks[1] (key "p.x")`);
  });
});
