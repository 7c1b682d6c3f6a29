import { describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { sourceEntries } from '../src/messages/index.js';
import { readI18nextJson } from '../src/read/read-i18next-json.js';
import { readIcuMessages } from '../src/read/read-icu-messages.js';
import { thrownBy } from './helpers/thrown.js';

const FILE = 'source/app.ru.json';

describe('readI18nextJson', () => {
  const text = `{
  "menu": {
    "file": "Файл",
    "greeting": "Привет, {{name}}!",
    "deep": { "more": "См. $t(menu.file)" }
  },
  "10": "десять",
  "2": "два",
  "files_one": "{{count}} файл",
  "files_few": "{{count}} файла",
  "friend_male": "Он друг",
  "files_many": "{{count}} файлов",
  "files_other": "{{count}} файла (дробь)",
  "files_zero": "Нет файлов",
  "friend_female": "Она подруга",
  "trans": "Нажмите <1>здесь</1> или <strong>там</strong>",
  "place_ordinal_other": "{{count}}-е место"
}
`;

  it('reads nested keys, lines, plural groups, context keys and ordinals in source order', () => {
    const messages = readI18nextJson(text, FILE, 'ru');
    expect(messages.map((m) => [m.path.join('.'), m.line])).toEqual([
      ['menu.file', 3],
      ['menu.greeting', 4],
      ['menu.deep.more', 5],
      ['10', 7],
      ['2', 8],
      ['files', 9],
      ['friend_male', 11],
      ['friend_female', 15],
      ['trans', 16],
      ['place', 17],
    ]);
    const byPath = new Map(messages.map((m) => [m.path.join('.'), m]));
    expect(byPath.get('menu.greeting')?.text).toBe('Привет, {{name}}!');
    expect(byPath.get('menu.deep.more')?.text).toBe('См. $t(menu.file)');
    expect(byPath.get('trans')?.text).toBe('Нажмите <1>здесь</1> или <strong>там</strong>');
    const files = byPath.get('files')!;
    expect(files.syntax).toBe('i18next');
    expect(files.text).toBe('{{count}} файла (дробь)');
    expect(files.ordinal).toBeUndefined();
    expect(files.pluralForms).toEqual([
      { category: 'one', text: '{{count}} файл' },
      { category: 'few', text: '{{count}} файла' },
      { category: 'many', text: '{{count}} файлов' },
      { category: 'other', text: '{{count}} файла (дробь)' },
      { category: 'zero', text: 'Нет файлов' },
    ]);
    expect(byPath.get('friend_male')?.pluralForms).toBeUndefined();
    const place = byPath.get('place')!;
    expect(place.ordinal).toBe(true);
    expect(place.pluralForms).toEqual([{ category: 'other', text: '{{count}}-е место' }]);
  });

  it('sourceEntries gives back the keys as written', () => {
    const entries = readI18nextJson(text, FILE, 'ru').flatMap(sourceEntries);
    expect(entries.map((e) => e.path.join('.'))).toEqual([
      'menu.file', 'menu.greeting', 'menu.deep.more', '10', '2',
      'files_one', 'files_few', 'files_many', 'files_other', 'files_zero',
      'friend_male', 'friend_female', 'trans', 'place_ordinal_other',
    ]);
    expect(entries.find((e) => e.path[0] === 'files_zero')?.value).toBe('Нет файлов');
  });

  it('names file:line:column and the fix for a JSON syntax error', () => {
    const error = thrownBy(() => readI18nextJson('{\n  "a": "б",\n  "c": "д",\n}\n', FILE, 'ru'), TilmashError);
    expect(error.kind).toBe('badSource');
    expect(error.file).toBe(FILE);
    expect(error.message).toMatch(/^source\/app\.ru\.json:4:1: not valid JSON/);
    expect(error.message).toContain('no trailing commas');
  });

  it('refuses a non-string value, naming the key path and the type', () => {
    const error = thrownBy(() => readI18nextJson('{\n  "menu": {\n    "count": 3\n  }\n}', FILE, 'ru'), TilmashError);
    expect(error.message).toContain(`${FILE}:3: key "menu.count" is a number`);
    expect(error.message).toContain('Write the value as a JSON string');
    expect(thrownBy(() => readI18nextJson('{ "list": ["a"] }', FILE, 'ru'), TilmashError).message).toContain('"list" is an array');
    expect(thrownBy(() => readI18nextJson('["a"]', FILE, 'ru'), TilmashError).message).toContain('holds an array');
  });

  it('refuses a plural form the source locale does not have, but keeps _zero', () => {
    const error = thrownBy(() => readI18nextJson('{\n"n_one": "a",\n"n_two": "b",\n"n_other": "c"\n}', FILE, 'ru'), TilmashError);
    expect(error.message).toContain(`${FILE}:3: key "n_two" is the cardinal plural form "two", which 'ru' does not have`);
    expect(error.message).toContain('one, few, many, other');
    const ordinal = thrownBy(() => readI18nextJson('{"p_ordinal_one": "a", "p_ordinal_other": "b"}', FILE, 'ru'), TilmashError);
    expect(ordinal.message).toContain('"p_ordinal_one" is the ordinal plural form "one"');
    expect(readI18nextJson('{"n_zero": "нет", "n_other": "есть"}', FILE, 'ru')[0]?.pluralForms?.map((f) => f.category)).toEqual(['zero', 'other']);
  });

  it('refuses a plural group without _other', () => {
    const error = thrownBy(() => readI18nextJson('{\n"a": {\n"n_one": "x",\n"n_few": "y"\n}\n}', FILE, 'ru'), TilmashError);
    expect(error.message).toContain(`${FILE}:3: plural keys "a.n_one", "a.n_few" have no "a.n_other"`);
  });

  it('refuses a duplicate key, which JSON.parse would silently drop', () => {
    const error = thrownBy(() => readI18nextJson('{\n"a": "x",\n"a": "y"\n}', FILE, 'ru'), TilmashError);
    expect(error.message).toContain(`${FILE}:3: key "a" appears twice`);
  });
});

describe('readIcuMessages', () => {
  const ICU_FILE = 'source/app.ru.icu.json';

  it('reads the flat shape with lines', () => {
    const messages = readIcuMessages('{\n  "title": "Главная",\n  "files": "{count, plural, one {# файл} other {# файла}}"\n}\n', ICU_FILE);
    expect(messages).toEqual([
      { path: ['title'], line: 2, syntax: 'icu', text: 'Главная' },
      { path: ['files'], line: 3, syntax: 'icu', text: '{count, plural, one {# файл} other {# файла}}' },
    ]);
    expect(messages.flatMap(sourceEntries)).toEqual([
      { path: ['title'], value: 'Главная' },
      { path: ['files'], value: '{count, plural, one {# файл} other {# файла}}' },
    ]);
  });

  it('reads the FormatJS extracted shape with string and object descriptions', () => {
    const text = JSON.stringify(
      {
        'app.save': { defaultMessage: 'Сохранить', description: 'Кнопка в диалоге' },
        'app.hello': { defaultMessage: 'Привет, <b>{name}</b>!', description: { context: 'header', maxLength: 20 } },
        'app.plain': { defaultMessage: 'Без описания' },
      },
      null,
      2,
    );
    expect(readIcuMessages(text, ICU_FILE)).toEqual([
      { path: ['app.save'], line: 2, syntax: 'icu', text: 'Сохранить', description: 'Кнопка в диалоге' },
      { path: ['app.hello'], line: 6, syntax: 'icu', text: 'Привет, <b>{name}</b>!', description: '{"context":"header","maxLength":20}' },
      { path: ['app.plain'], line: 13, syntax: 'icu', text: 'Без описания' },
    ]);
  });

  it('names file, id, the parser error kind and offset for an invalid message', () => {
    const error = thrownBy(() => readIcuMessages('{\n"ok": "да",\n"files": "{count, plural, one {# файл}}"\n}', ICU_FILE), TilmashError);
    expect(error.kind).toBe('badSource');
    expect(error.message).toContain(`${ICU_FILE}:3: id "files": not a valid ICU message: MISSING_OTHER_CLAUSE at offset`);
    expect(error.message).toContain('add an `other {…}` branch');
    const brace = thrownBy(() => readIcuMessages('{"x": "Открыть {файл"}', ICU_FILE), TilmashError);
    expect(brace.message).toMatch(/id "x": not a valid ICU message: [A-Z_]+ at offset \d+/);
  });

  it('refuses a selector inside a tag and a defaultMessage that is not a string', () => {
    const tag = thrownBy(() => readIcuMessages('{"t": "<b>{n, plural, one {a} other {b}}</b>"}', ICU_FILE), TilmashError);
    expect(tag.message).toContain('id "t": a plural or select sits inside a tag');
    const missing = thrownBy(() => readIcuMessages('{"t": {"description": "x"}}', ICU_FILE), TilmashError);
    expect(missing.message).toContain('id "t": an object entry needs a string "defaultMessage" (found none)');
  });
});

describe('source validation (issue 15)', () => {
  it('refuses a broken i18next interpolation, naming the key, and lists every one of the file', () => {
    const error = thrownBy(() => readI18nextJson('{\n  "hello": "Привет, {{name}!",\n  "ok": "Всего {{count}}",\n  "n_one": "{{count}} файл {{",\n  "n_other": "{{count}} файла"\n}\n', FILE, 'ru'), TilmashError);
    expect(error.kind).toBe('badSource');
    expect(error.message).toBe(
      'source/app.ru.json: 2 broken i18next interpolations:\n' +
        '  source/app.ru.json:2: key "hello": "{{" at offset 8 is not closed by "}}" ("{{name}!")\n' +
        '  source/app.ru.json:4: key "n_one": "{{" at offset 15 is not closed by "}}" ("{{")\n' +
        'Write variables as {{name}} (or quote literal braces in the text some other way).',
    );
    expect(readI18nextJson('{ "a": "{{count, number}} и {{- html}}" }', FILE, 'ru')).toHaveLength(1);
  });

  it('reports every broken ICU message of a file at once', () => {
    const error = thrownBy(() => readIcuMessages('{\n  "a": "{count, plural, one {# файл}}",\n  "b": "Хорошо",\n  "c": "Привет, {name"\n}\n', 'source/app.ru.icu.json'), TilmashError);
    expect(error.message).toMatch(/^source\/app\.ru\.icu\.json: 2 messages are not valid ICU:\n {2}source\/app\.ru\.icu\.json:2: id "a": not a valid ICU message: MISSING_OTHER_CLAUSE[^\n]*\n {2}source\/app\.ru\.icu\.json:4: id "c": not a valid ICU message/u);
  });
});
