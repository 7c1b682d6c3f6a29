import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import {
  decodeText,
  defaultBoilerplateRules,
  defaultCaptionPatterns,
  readDocument,
  reduceInline,
  type ReaderOptions,
  type SourceBlock,
} from '../src/read/index.js';
import { thrownBy } from './helpers/thrown.js';

const defaults: ReaderOptions = { boilerplate: defaultBoilerplateRules, captionPatterns: defaultCaptionPatterns };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Array<Uint8Array | number[]>): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

/** The error `fn` throws, checked to be a badSource TilmashError (exit code 4). */
function badSource(fn: () => unknown): TilmashError {
  const e = thrownBy(fn, TilmashError, 'badSource');
  expect(e.exitCode).toBe(4);
  return e;
}

const txt = (text: string, options: ReaderOptions = defaults): SourceBlock[] => readDocument(text, 'txt', options, 'a.ru.txt');
const md = (text: string, options: ReaderOptions = defaults): SourceBlock[] => readDocument(text, 'md', options, 'a.ru.md');

describe('the sample article', () => {
  const file = fileURLToPath(new URL('./fixtures/sample-project/source/article.ru.txt', import.meta.url));
  const blocks = readDocument(decodeText(readFileSync(file), file), 'txt', defaults, file);

  it('reads to exactly the article blocks, without boilerplate', () => {
    expect(blocks).toEqual([
      { kind: 'title', line: 3, text: 'Си Цзиньпин пообещал странам Центральной Азии 26 млрд юаней' },
      {
        kind: 'paragraph',
        line: 7,
        text:
          'Председатель КНР Си Цзиньпин на первом очном саммите «Центральная Азия — Китай» в г. Сиань объявил, что Пекин ' +
          'предоставит странам региона финансовую поддержку и безвозмездную помощь на общую сумму 26 млрд юаней. ' +
          'Это примерно 3,6 млрд долларов.',
      },
      {
        kind: 'caption',
        line: 9,
        text: 'Лидеры Казахстана, Кыргызстана, Таджикистана, Туркменистана, Узбекистана и Китая на саммите в Сиане. Фото: Синьхуа',
      },
      {
        kind: 'paragraph',
        line: 12,
        text:
          'Встреча прошла 18–19 мая в древней столице Китая, откуда начинался Великий шелковый путь. По итогам саммита ' +
          'стороны подписали Сианьскую декларацию и договорились проводить встречи в формате «Центральная Азия — Китай» ' +
          '(C5+Китай) раз в два года.',
      },
      {
        kind: 'paragraph',
        line: 14,
        text:
          'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером и предложил довести товарооборот ' +
          'до 40 млрд долл. США к 2030 г. Следующий саммит пройдет в Казахстане в 2025 г.',
      },
      { kind: 'paragraph', line: 16, text: 'Среди договоренностей, о которых сообщило агентство Синьхуа:' },
      { kind: 'list-item', line: 17, text: 'строительство железной дороги Китай — Кыргызстан — Узбекистан;' },
      { kind: 'list-item', line: 18, text: 'новые маршруты грузовых поездов через Казахстан;' },
      { kind: 'list-item', line: 19, text: 'совместные проекты в энергетике, сельском хозяйстве и т. д.' },
      {
        kind: 'paragraph',
        line: 21,
        text:
          '«Что Китай получает взамен?» — задаются вопросом аналитики. Эксперты отмечают, что Пекин предлагает региону то, ' +
          'чего ему не хватает, т. е. крупные инвестиции и доступ к своему рынку.',
      },
      {
        kind: 'paragraph',
        line: 23,
        text:
          'По словам Темура Умарова, научного сотрудника Берлинского центра Карнеги по изучению России и Евразии ' +
          '(Carnegie Russia Eurasia Center), Москва остается для Центральной Азии важным партнером, но в экономике ее уже опережает Пекин.',
      },
      {
        kind: 'paragraph',
        line: 25,
        text:
          'По оценке Т. Умарова, в XXI в. регион перестал быть «задним двором» одной державы. Вопрос в том, сумеют ли пять ' +
          'республик извлечь выгоду из соперничества Москвы, Пекина, Вашингтона, Брюсселя и др. Ответ во многом зависит от них самих.',
      },
    ]);
  });

  it('keeps no navigation, size switcher, dateline, related links, share line or copyright', () => {
    const all = blocks.map((b) => b.text).join('\n');
    for (const noise of ['Главная', 'XS SM', '16:40', 'Читайте также', 'Поделиться', '©', 'Все права']) expect(all).not.toContain(noise);
  });
});

describe('default reader rules', () => {
  const dropped = (line: string): boolean => txt(`${line}\n\nТекст статьи.`).length === 1;

  it.each([
    'Главная › Новости › Мир',
    'Главная > Новости > Мир',
    'Главная / Новости',
    'Главная » Азия',
    'XS SM MD LG',
    'S M L XL',
    '19 мая 2023, 16:40',
    '19.05.2023 16:40',
    '16:40, 19 мая 2023',
    'Читайте также: Токаев и Си Цзиньпин обсудили транзит',
    'Поделиться: ВКонтакте Telegram WhatsApp',
    'Поделиться',
    'Все права защищены.',
    'Теги: Китай, Казахстан',
  ])('drop %s', (line) => expect(dropped(line)).toBe(true));

  it.each([
    'Поделиться опытом с коллегами решили все участники',
    'Главная задача саммита — развитие транспорта',
    'Встреча прошла 19 мая 2023 г. в Сиане',
    'XS-размер самый популярный',
  ])('keep %s', (line) => expect(dropped(line)).toBe(false));

  it('drops everything after a copyright line', () => {
    expect(txt('Заголовок\n\n© 2023 Издание\n\nЕщё текст.')).toEqual([{ kind: 'title', text: 'Заголовок', line: 1 }]);
  });

  it.each([
    ['Лидеры на саммите. Фото: Синьхуа', true],
    ['Фото: А. Иванов', true],
    ['Лидеры на саммите. Фото РИА Новости', true],
    ['Вид на Сиань. Иллюстрация: пресс-служба', true],
    ['Источник фото: ТАСС', true],
    ['Фото: кадр из видео, снятого очевидцами на месте событий. Позже его удалили.', true],
    ['Он показал фото журналистам.', false],
    ['Фото участников опубликовали позже. Подробности неизвестны.', false],
  ])('caption pattern on %s → %s', (line, caption) => {
    const [, block] = txt(`Заголовок\n\n${line}`);
    expect(block?.kind === 'caption').toBe(caption);
  });
});

describe('decodeText', () => {
  it('names file:line:column of the first invalid UTF-8 byte and suggests re-saving as UTF-8', () => {
    const bytes = concat(utf8('первая строка\r\nвторая\nтри '), [0xc2, 0xe0, 0xed], utf8(' конец\n'));
    const e = badSource(() => decodeText(bytes, 'a.ru.txt'));
    expect(e.message).toContain('a.ru.txt:3:5');
    expect(e.message).toMatch(/not valid UTF-8/);
    expect(e.message).toMatch(/[Rr]e-save .*UTF-8/);
    expect(e.file).toBe('a.ru.txt');
  });

  it('does not count a UTF-8 BOM as a column, and counts a lone CR as a line break', () => {
    expect(badSource(() => decodeText(concat([0xef, 0xbb, 0xbf], utf8('аб'), [0xff]), 'f')).message).toContain('f:1:3');
    expect(badSource(() => decodeText(concat(utf8('а\rб\r'), [0x80]), 'f')).message).toContain('f:3:1');
    // A truncated sequence at the end of the file.
    expect(badSource(() => decodeText(concat(utf8('ok'), [0xd0]), 'f')).message).toContain('f:1:3');
  });

  it('rejects binary files', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(badSource(() => decodeText(png, 'img.ru.txt')).message).toMatch(/^img\.ru\.txt: is not a text file/);
    const controls = Uint8Array.from([0x01, 0x02, 0x03, 0x41, 0x42, 0x04, 0x05, 0x06, 0x43, 0x07]);
    expect(badSource(() => decodeText(controls, 'c.txt')).message).toMatch(/is not a text file/);
  });

  it('rejects empty and whitespace-only files', () => {
    expect(badSource(() => decodeText(new Uint8Array(), 'e.txt')).message).toMatch(/^e\.txt: is empty/);
    expect(badSource(() => decodeText(utf8(' \n\t\r\n\u00a0\u200b\n'), 'w.txt')).message).toMatch(/^w\.txt: is empty/);
    expect(badSource(() => decodeText(Uint8Array.from([0xef, 0xbb, 0xbf]), 'b.txt')).message).toMatch(/is empty/);
  });

  it('rejects UTF-16 with a byte-order mark', () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x1f, 0x04, 0x40, 0x04]);
    const e = badSource(() => decodeText(le, 'u.txt'));
    expect(e.message).toMatch(/UTF-16 LE/);
    expect(e.message).toMatch(/Re-save it as UTF-8/);
    expect(badSource(() => decodeText(Uint8Array.from([0xfe, 0xff, 0x04, 0x1f]), 'u.txt')).message).toMatch(/UTF-16 BE/);
  });

  it('normalises: BOM, line ends, NFC, invisible characters, exotic spaces', () => {
    expect(decodeText(concat([0xef, 0xbb, 0xbf], utf8('а\r\nб\rв\n')), 'f')).toBe('а\nб\nв\n');
    const nfd = 'и\u0306';
    expect(decodeText(utf8(`Андре${nfd}`), 'f')).toBe('Андрей');
    expect(decodeText(utf8(`Андре${nfd}`), 'f')).toHaveLength(6);
    expect(decodeText(utf8('26\u00a0млрд и 3\u202f600'), 'f')).toBe('26\u00a0млрд и 3\u202f600');
    expect(decodeText(utf8('Си\u200b Цзинь\u00adпин'), 'f')).toBe('Си Цзиньпин');
    expect(decodeText(utf8('a\u2009b\u2003c\u3000d'), 'f')).toBe('a b c\u3000d');
  });
});

describe('plain text', () => {
  it('makes each bullet or list marker its own list-item, without the marker', () => {
    const text = [
      'Заголовок',
      '',
      'Итоги:',
      '1. один',
      '2) два',
      'а) три',
      '- четыре',
      '* пять',
      '  ▪ шесть',
      '\t◦ семь',
      '· восемь',
      '— девять',
      '– десять',
    ].join('\n');
    expect(txt(text).slice(1)).toEqual([
      { kind: 'paragraph', text: 'Итоги:', line: 3 },
      ...['один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять'].map((t, i) => ({
        kind: 'list-item',
        text: t,
        line: 4 + i,
      })),
    ]);
  });

  it('keeps a dash that opens direct speech as text', () => {
    expect(txt('Заголовок\n\n— Мы готовы, — сказал он.')[1]).toEqual({ kind: 'paragraph', text: '— Мы готовы, — сказал он.', line: 3 });
  });

  it('joins a deeper-indented line to the list item above it, and other lines to a paragraph', () => {
    expect(txt('Заголовок\n\n  • первый пункт\n    продолжение\nновый абзац\nи его конец.')).toEqual([
      { kind: 'title', text: 'Заголовок', line: 1 },
      { kind: 'list-item', text: 'первый пункт продолжение', line: 3 },
      { kind: 'paragraph', text: 'новый абзац и его конец.', line: 5 },
    ]);
  });

  it('collapses spaces and tabs but keeps no-break spaces', () => {
    expect(txt('Заголовок\n\n  Сумма \t 26\u00a0млрд   юаней.  ')[1]?.text).toBe('Сумма 26\u00a0млрд юаней.');
  });

  it('makes the first block a title only when it is one line without a final full stop', () => {
    expect(txt('Первый абзац статьи.\n\nВторой.')[0]?.kind).toBe('paragraph');
    expect(txt('Строка один\nстрока два\n\nВторой.')[0]?.kind).toBe('paragraph');
    expect(txt('Что дальше?\n\nВторой.')[0]?.kind).toBe('title');
  });

  it('keeps a repeated caption only where it first appears', () => {
    const caption = 'Вид на Сиань. Фото: Синьхуа';
    const blocks = txt(`Заголовок\n\n${caption}\n${caption}\n\nТекст.\n\n${caption}\n\nДругой вид. Фото: ТАСС`);
    expect(blocks).toEqual([
      { kind: 'title', text: 'Заголовок', line: 1 },
      { kind: 'caption', text: caption, line: 3 },
      { kind: 'paragraph', text: 'Текст.', line: 6 },
      { kind: 'caption', text: 'Другой вид. Фото: ТАСС', line: 10 },
    ]);
  });

  it("applies a 'rest' rule to the matching line and everything after it", () => {
    const options: ReaderOptions = { boilerplate: [{ id: 'footer', pattern: /^Конец статьи$/, scope: 'rest' }], captionPatterns: [] };
    expect(txt('Заголовок\n\nТекст.\nКонец статьи\nМеню\n\nЕщё.', options)).toEqual([
      { kind: 'title', text: 'Заголовок', line: 1 },
      { kind: 'paragraph', text: 'Текст.', line: 3 },
    ]);
  });

  it('ends a paragraph at a dropped line, and gives global regexps no state between lines', () => {
    const options: ReaderOptions = { boilerplate: [{ id: 'ad', pattern: /^Реклама$/g }], captionPatterns: [] };
    expect(txt('Первый.\nРеклама\nВторой.\nРеклама\nТретий.', options).map((b) => b.text)).toEqual(['Первый.', 'Второй.', 'Третий.']);
  });

  it('fails with the rules that fired when no text is left', () => {
    const e = badSource(() => txt('Главная › Новости\nXS SM MD LG\n© 2023 Издание\nТекст'));
    expect(e.message).toContain('a.ru.txt: has no translatable text after boilerplate rules');
    expect(e.message).toContain('nav-breadcrumbs (line 1)');
    expect(e.message).toContain('copyright (line 3 and everything after it)');
    expect(e.file).toBe('a.ru.txt');
    expect(badSource(() => txt('\n\n')).message).toMatch(/after boilerplate rules \(none matched\)/);
  });
});

describe('markdown', () => {
  const doc = [
    '---', // 1
    'title: Не текст',
    '---',
    '# Си Цзиньпин пообещал 26 млрд юаней', // 4
    '',
    'Первый абзац со [ссылкой](https://example.com/a_(b)) и **жирным**,', // 6
    '*курсивом*, _подчёркиванием_ и `кодом *как есть*`.',
    '',
    '<!-- комментарий',
    'на две строки -->',
    '## Подзаголовок ##', // 11
    '',
    '![Лидеры на саммите. Фото: Синьхуа](img/xian.jpg)', // 13
    '*Лидеры на саммите. Фото: Синьхуа*',
    '',
    '- пункт один', // 16
    '* пункт два',
    '  с продолжением',
    '+ пункт три',
    '1. пункт **четыре**',
    '',
    '```ts', // 22
    'const x = 1;',
    '```',
    '',
    '# Второй заголовок первого уровня', // 26
    '',
    '> Цитата <!-- скрыто --> из\\* текста', // 28
    '',
    'Подзаголовок setext', // 30
    '---',
    '',
    '*Фото: ТАСС*', // 33
    '',
    '[ref]: https://example.com',
  ].join('\n');

  it('reads headings, paragraphs, captions and list items, keeping inline markup (captions are plain)', () => {
    expect(md(doc)).toEqual([
      { kind: 'title', text: 'Си Цзиньпин пообещал 26 млрд юаней', line: 4 },
      { kind: 'paragraph', text: 'Первый абзац со [ссылкой](https://example.com/a_(b)) и **жирным**, *курсивом*, _подчёркиванием_ и `кодом *как есть*`.', line: 6 },
      { kind: 'heading', text: 'Подзаголовок', line: 11 },
      { kind: 'caption', text: 'Лидеры на саммите. Фото: Синьхуа', line: 13 },
      { kind: 'list-item', text: 'пункт один', line: 16 },
      { kind: 'list-item', text: 'пункт два с продолжением', line: 17 },
      { kind: 'list-item', text: 'пункт три', line: 19 },
      { kind: 'list-item', text: 'пункт **четыре**', line: 20 },
      { kind: 'heading', text: 'Второй заголовок первого уровня', line: 26 },
      { kind: 'paragraph', text: 'Цитата из\\* текста', line: 28 },
      { kind: 'heading', text: 'Подзаголовок setext', line: 30 },
      { kind: 'caption', text: 'Фото: ТАСС', line: 33 },
    ]);
  });

  it('applies boilerplate rules to lines with and without markup, never inside code', () => {
    const text = '# Заголовок\n\n**Читайте также:** [другая статья](x)\n\n```\n© не подвал\n```\n\nТекст.\n\n© 2023 Издание\n\nПодвал.';
    expect(md(text).map((b) => b.text)).toEqual(['Заголовок', 'Текст.']);
  });

  it('fails when only code and front matter are left', () => {
    expect(badSource(() => md('---\na: 1\n---\n```\ncode\n```\n')).message).toMatch(/^a\.ru\.md: has no translatable text/);
  });

  it('reduces inline markup', () => {
    expect(reduceInline('2 * 3 * 4 и snake_case_name')).toBe('2 * 3 * 4 и snake_case_name');
    expect(reduceInline('***оба*** ~~нет~~ <b>тег</b> \\*звезда\\* [a][ref] <https://x.kz>')).toBe('оба нет тег *звезда* a https://x.kz');
  });
});
