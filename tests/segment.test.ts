import { describe, expect, it } from 'vitest';
import { extendRules, russianRules, segmentSentences } from '../src/segment/index.js';

type Case = readonly [name: string, input: string, expected: readonly string[]];

const UMAROV =
  'По оценке Т. Умарова, в XXI в. регион перестал быть «задним двором» одной державы. ' +
  'Вопрос в том, сумеют ли пять республик извлечь выгоду из соперничества Москвы, Пекина, ' +
  'Вашингтона, Брюсселя и др. Ответ во многом зависит от них самих.';

const TOKAYEV =
  'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером и предложил довести ' +
  'товарооборот до 40 млрд долл. США к 2030 г. Следующий саммит пройдет в Казахстане в 2025 г.';

const XI =
  'Председатель КНР Си Цзиньпин на первом очном саммите «Центральная Азия — Китай» в г. Сиань ' +
  'объявил, что Пекин предоставит странам региона финансовую поддержку и безвозмездную помощь на ' +
  'общую сумму 26 млрд юаней. Это примерно 3,6 млрд долларов.';

const sampleArticle: Case[] = [
  [
    'Umarov paragraph: initial, century, «и др.» before a capital',
    UMAROV,
    [
      'По оценке Т. Умарова, в XXI в. регион перестал быть «задним двором» одной державы.',
      'Вопрос в том, сумеют ли пять республик извлечь выгоду из соперничества Москвы, Пекина, ' +
        'Вашингтона, Брюсселя и др.',
      'Ответ во многом зависит от них самих.',
    ],
  ],
  [
    'Tokayev paragraph: «млрд долл. США» joins, «2030 г.» before a capital breaks',
    TOKAYEV,
    [
      'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером и предложил довести ' +
        'товарооборот до 40 млрд долл. США к 2030 г.',
      'Следующий саммит пройдет в Казахстане в 2025 г.',
    ],
  ],
  [
    'Xi paragraph: «в г. Сиань», decimal «3,6 млрд»',
    XI,
    [
      'Председатель КНР Си Цзиньпин на первом очном саммите «Центральная Азия — Китай» в г. Сиань ' +
        'объявил, что Пекин предоставит странам региона финансовую поддержку и безвозмездную помощь ' +
        'на общую сумму 26 млрд юаней.',
      'Это примерно 3,6 млрд долларов.',
    ],
  ],
];

const initials: Case[] = [
  ['spaced initials before a surname', 'А. С. Пушкин родился в Москве.', ['А. С. Пушкин родился в Москве.']],
  [
    'spaced initials, then a second sentence',
    'А. С. Пушкин родился в Москве. Он был поэтом.',
    ['А. С. Пушкин родился в Москве.', 'Он был поэтом.'],
  ],
  ['unspaced initials', 'А.С. Пушкин родился в Москве.', ['А.С. Пушкин родился в Москве.']],
  ['three-part initials', 'Н. А. Назарбаев выступил. Зал встал.', ['Н. А. Назарбаев выступил.', 'Зал встал.']],
  ['one initial', 'Т. Умарова пригласили на форум.', ['Т. Умарова пригласили на форум.']],
  ['one initial mid-sentence', 'Это сказал по словам Т. Умарова эксперт.', ['Это сказал по словам Т. Умарова эксперт.']],
  [
    'initials after the surname',
    'Назарбаев Н. А. сказал, что всё решено. Зал молчал.',
    ['Назарбаев Н. А. сказал, что всё решено.', 'Зал молчал.'],
  ],
  ['unspaced initials after the surname', 'Назарбаев Н.А. сказал. Да.', ['Назарбаев Н.А. сказал.', 'Да.']],
  ['Latin initials', 'Роман написал J. R. R. Tolkien. Он англичанин.', ['Роман написал J. R. R. Tolkien.', 'Он англичанин.']],
  ['«Дж.» as an initial', 'Дж. Байден приехал в Пекин.', ['Дж. Байден приехал в Пекин.']],
  ['Roman numeral after a name is not an initial', 'Правил Пётр I. Он основал город.', ['Правил Пётр I.', 'Он основал город.']],
];

const abbreviations: Case[] = [
  ['city before a name', 'Он приехал в г. Сиань. Там жарко.', ['Он приехал в г. Сиань.', 'Там жарко.']],
  ['city, no year', 'Форум прошёл в г. Москва летом.', ['Форум прошёл в г. Москва летом.']],
  ['professor', 'Выступил проф. Иванов. Потом был перерыв.', ['Выступил проф. Иванов.', 'Потом был перерыв.']],
  ['capitalised at sentence start', 'Проф. Иванов выступил.', ['Проф. Иванов выступил.']],
  ['avenue', 'Дом стоит на пр. Мира у метро.', ['Дом стоит на пр. Мира у метро.']],
  [
    'address',
    'Офис находится по адресу: г. Алматы, ул. Абая, д. 10, кв. 5. Приходите.',
    ['Офис находится по адресу: г. Алматы, ул. Абая, д. 10, кв. 5.', 'Приходите.'],
  ],
  [
    'region and «named after»',
    'Университет им. Аль-Фараби находится в Алматинской обл. Казахстана.',
    ['Университет им. Аль-Фараби находится в Алматинской обл. Казахстана.'],
  ],
  ['«млн долл. США»', 'Выделено 5 млн долл. США на проект.', ['Выделено 5 млн долл. США на проект.']],
  ['«долл.США» without a space', 'Выделено 5 млн долл.США на проект.', ['Выделено 5 млн долл.США на проект.']],
  ['«т.е.» unspaced before lowercase', 'Это т.е. почти всё. Да.', ['Это т.е. почти всё.', 'Да.']],
  ['«т. е.» spaced before lowercase', 'Это т. е. почти всё.', ['Это т. е. почти всё.']],
  ['«т.е.» before a capital', 'Столица, т.е. Астана, растёт.', ['Столица, т.е. Астана, растёт.']],
  ['«т. к.» before a capital', 'Он опоздал, т. к. Москва стояла в пробках.', ['Он опоздал, т. к. Москва стояла в пробках.']],
  ['see figure', 'См. рис. 5. Там всё видно.', ['См. рис. 5.', 'Там всё видно.']],
  ['article and clause', 'Согласно ст. 5 п. 3 ч. 2 Закона это разрешено.', ['Согласно ст. 5 п. 3 ч. 2 Закона это разрешено.']],
  ['«и.о.» title', 'Выступил и.о. Председателя правления.', ['Выступил и.о. Председателя правления.']],
  ['«тов.» and «зам.»', 'Слово взял тов. Петров, затем зам. Директора.', ['Слово взял тов. Петров, затем зам. Директора.']],
  ['degree «к. т. н.»', 'Выступил к. т. н. Петров. Все слушали.', ['Выступил к. т. н. Петров.', 'Все слушали.']],
  ['degree «д. ф.-м. н.»', 'Доклад сделал д. ф.-м. н. Сидоров.', ['Доклад сделал д. ф.-м. н. Сидоров.']],
  ['degree «докт.»', 'Отзыв дал докт. Мюллер из Берлина.', ['Отзыв дал докт. Мюллер из Берлина.']],
  ['academician', 'Статью написал акад. Сахаров.', ['Статью написал акад. Сахаров.']],
  [
    'Latin in parentheses after «англ.»',
    'Шёлковый путь (англ. Silk Road) соединял Китай и Европу. Это известно.',
    ['Шёлковый путь (англ. Silk Road) соединял Китай и Европу.', 'Это известно.'],
  ],
  [
    'English names in parentheses',
    'Компания (Microsoft Corp.) выросла. Акции (NASDAQ: MSFT) подорожали.',
    ['Компания (Microsoft Corp.) выросла.', 'Акции (NASDAQ: MSFT) подорожали.'],
  ],
  ['decimals', 'Это примерно 3,6 млрд долларов. И ещё 2,5 млн.', ['Это примерно 3,6 млрд долларов.', 'И ещё 2,5 млн.']],
];

const ambiguous: Case[] = [
  ['«и др.» ends a sentence', 'Приехали Москва, Пекин и др. Ответ ясен.', ['Приехали Москва, Пекин и др.', 'Ответ ясен.']],
  ['«и др.» mid-sentence', 'Москва и др. страны поддержали план.', ['Москва и др. страны поддержали план.']],
  ['«и др.» at the end of the text', 'Приехали Москва, Пекин и др.', ['Приехали Москва, Пекин и др.']],
  ['«и т. д.» ends a sentence', 'Яблоки, груши и т. д. Всё свежее.', ['Яблоки, груши и т. д.', 'Всё свежее.']],
  ['«и т.д.» unspaced ends a sentence', 'Яблоки, груши и т.д. Всё свежее.', ['Яблоки, груши и т.д.', 'Всё свежее.']],
  ['«и т. д.» mid-sentence', 'Яблоки и т. д. были в корзине.', ['Яблоки и т. д. были в корзине.']],
  ['«и т. п.» before a quote and a capital', 'Фрукты и т. п. «Новые» книги.', ['Фрукты и т. п.', '«Новые» книги.']],
  ['century before lowercase', 'В XXI в. регион изменился.', ['В XXI в. регион изменился.']],
  ['century before a capital', 'Так было в XX в. Это известно.', ['Так было в XX в.', 'Это известно.']],
  ['centuries range', 'Это было в XVIII–XIX вв. Потом всё изменилось.', ['Это было в XVIII–XIX вв.', 'Потом всё изменилось.']],
  ['year before a capital', 'Саммит прошёл в 2025 г. Следующий будет позже.', ['Саммит прошёл в 2025 г.', 'Следующий будет позже.']],
  ['year before lowercase', 'В 2025 г. саммит прошёл в Астане.', ['В 2025 г. саммит прошёл в Астане.']],
  ['decade years', 'Город рос в 1990-х гг. Москва тоже.', ['Город рос в 1990-х гг.', 'Москва тоже.']],
  ['«г.» without a year never breaks', 'Форум прошёл в г. Москва.', ['Форум прошёл в г. Москва.']],
  ['era', 'Это было в 100 г. до н. э. Рим воевал.', ['Это было в 100 г. до н. э.', 'Рим воевал.']],
];

const headings: Case[] = [
  ['Arabic list marker', '1. Первый пункт.', ['1. Первый пункт.']],
  ['two list items in a line', '1. Первый пункт. 2. Второй пункт.', ['1. Первый пункт.', '2. Второй пункт.']],
  ['list items on their own lines', 'Итоги:\n1. Первый\n2. Второй', ['Итоги:', '1. Первый', '2. Второй']],
  ['dotted section number', '1.2. Область применения. Текст раздела.', ['1.2. Область применения.', 'Текст раздела.']],
  ['Roman heading', 'IV. Итоги года.', ['IV. Итоги года.']],
  ['section sign', '§ 2. Область применения', ['§ 2. Область применения']],
  ['article heading', 'Статья 5. Область применения.', ['Статья 5. Область применения.']],
  ['number ending a sentence', 'Он родился в 1990. Тогда шёл снег.', ['Он родился в 1990.', 'Тогда шёл снег.']],
];

const punctuation: Case[] = [
  ['straight-quoted question', '"Что дальше?" — спросил он. Ответа не было.', ['"Что дальше?" — спросил он.', 'Ответа не было.']],
  ['guillemet-quoted question', '«Что дальше?» — спросил он. Ответа не было.', ['«Что дальше?» — спросил он.', 'Ответа не было.']],
  ['three-dot ellipsis before a capital', 'Он сказал... Нет, не так.', ['Он сказал...', 'Нет, не так.']],
  ['ellipsis character mid-sentence', 'Он подумал… и ушёл. Дверь закрылась.', ['Он подумал… и ушёл.', 'Дверь закрылась.']],
  ['«?!» and «!»', 'Неужели?! Да! Конечно.', ['Неужели?!', 'Да!', 'Конечно.']],
  ['question', 'Кто победит? Никто не знает.', ['Кто победит?', 'Никто не знает.']],
  ['surrounding and inner whitespace', '  Первое.   Второе.\n\n  Третье.  ', ['Первое.', 'Второе.', 'Третье.']],
  ['no merge across a line break', 'Улица: ул.\nЛенина', ['Улица: ул.', 'Ленина']],
  ['non-breaking space inside «т. е.»', 'Столица, т.\u00a0е. Астана, растёт.', ['Столица, т.\u00a0е. Астана, растёт.']],
  ['empty text', '', []],
  ['whitespace only', ' \n\t ', []],
];

const groups: Record<string, Case[]> = {
  'sample article': sampleArticle,
  initials,
  abbreviations,
  'ambiguous abbreviations': ambiguous,
  'headings and list markers': headings,
  punctuation,
};

/** Joined sentences equal the text with only whitespace between (and around) sentences removed. */
function expectConcatenationInvariant(text: string, sentences: readonly string[]): void {
  let cursor = 0;
  for (const sentence of sentences) {
    expect(sentence).not.toBe('');
    expect(sentence).toBe(sentence.trim());
    const at = text.indexOf(sentence, cursor);
    expect(at, `sentence not found in order: ${sentence}`).toBeGreaterThanOrEqual(cursor);
    expect(text.slice(cursor, at).trim()).toBe('');
    cursor = at + sentence.length;
  }
  expect(text.slice(cursor).trim()).toBe('');
}

for (const [group, cases] of Object.entries(groups)) {
  describe(group, () => {
    it.each(cases)('%s', (_name, input, expected) => {
      expect(segmentSentences(input)).toEqual(expected);
    });
  });
}

describe('concatenation invariant', () => {
  const all = Object.values(groups).flat();
  it.each(all)('%s', (_name, input) => {
    expectConcatenationInvariant(input, segmentSentences(input));
  });

  it('holds for all cases joined into one multi-paragraph text', () => {
    const text = all.map(([, input]) => input).join('\n\n');
    const sentences = segmentSentences(text);
    expectConcatenationInvariant(text, sentences);
    expect(sentences).toEqual(all.flatMap(([, , expected]) => expected));
  });
});

describe('extendRules', () => {
  const text = 'Отчёт подготовил эксп. Ахметов. Он прав.';

  it('an added no-break abbreviation joins what would otherwise split', () => {
    expect(segmentSentences(text)).toEqual(['Отчёт подготовил эксп.', 'Ахметов.', 'Он прав.']);
    const rules = extendRules(russianRules, { noBreak: ['эксп.'] });
    expect(segmentSentences(text, rules)).toEqual(['Отчёт подготовил эксп. Ахметов.', 'Он прав.']);
  });

  it('an added ambiguous abbreviation breaks only before a sentence start', () => {
    const ending = 'Яблоки, груши и мн. пр. Всё свежее.';
    const inside = 'Яблоки и мн. пр. лежали в корзине.';
    expect(segmentSentences(ending)).toEqual([ending]); // «пр.» (проспект) never breaks
    const rules = extendRules(russianRules, { ambiguous: ['и мн. пр.'] });
    expect(segmentSentences(ending, rules)).toEqual(['Яблоки, груши и мн. пр.', 'Всё свежее.']);
    expect(segmentSentences(inside, rules)).toEqual([inside]);
  });

  it('does not modify the base rules and drops duplicates', () => {
    const before = russianRules.noBreak.length;
    const rules = extendRules(russianRules, { noBreak: ['проф.', 'эксп.'] });
    expect(russianRules.noBreak).toHaveLength(before);
    expect(rules.noBreak).toHaveLength(before + 1);
    expect(rules.locale).toBe('ru');
  });
});
