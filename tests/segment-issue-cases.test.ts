import { describe, expect, it } from 'vitest';
import { extendRules, russianRules, segmentSentences } from '../src/segment/index.js';

type Case = readonly [name: string, input: string, expected: readonly string[]];

// Every case quoted in issue 10, plus the neighbours that keep each rule honest.
const dates: Case[] = [
  [
    'a date opens a sentence after «году.»',
    'Это случилось в 2023 году. 5 июля германские войска атаковали.',
    ['Это случилось в 2023 году.', '5 июля германские войска атаковали.'],
  ],
  [
    'a date with a year opens a sentence',
    'Войска ушли из Чада. 30 апреля 1984 года Каддафи предложил мир.',
    ['Войска ушли из Чада.', '30 апреля 1984 года Каддафи предложил мир.'],
  ],
  [
    'an anniversary, then a date',
    'Городу исполняется 150 лет. 31 мая 1859 года после неоднократных попыток он был основан.',
    ['Городу исполняется 150 лет.', '31 мая 1859 года после неоднократных попыток он был основан.'],
  ],
  [
    'a date after an ambiguous «г.»',
    'Договор подписан в 2022 г. 5 июля войска ушли.',
    ['Договор подписан в 2022 г.', '5 июля войска ушли.'],
  ],
  ['a count after «г.» goes on', 'В 1990 г. 15 человек уехали.', ['В 1990 г. 15 человек уехали.']],
  ['a number-taking abbreviation keeps its number', 'Подробно см. ст. 5 и п. 2 договора.', ['Подробно см. ст. 5 и п. 2 договора.']],
  ['«рис. 3» and «с. 45»', 'Схема дана на рис. 3 на с. 45 отчёта.', ['Схема дана на рис. 3 на с. 45 отчёта.']],
  ['«№» before a number', 'Приказ № 5. 6 сотрудников уволены.', ['Приказ № 5.', '6 сотрудников уволены.']],
  ['a heading number after an ambiguous abbreviation', 'Выросло на 8 млн чел. 7. Общие положения', ['Выросло на 8 млн чел.', '7. Общие положения']],
  ['«ч.» before a number and at a sentence end', 'По ч. 2 ст. 5 работаем с 9 до 18 ч. Перерыв в 13 ч.', ['По ч. 2 ст. 5 работаем с 9 до 18 ч.', 'Перерыв в 13 ч.']],
  ['a figure caption', 'Рис. 1. Схема работы', ['Рис. 1. Схема работы']],
  ['a table caption', 'Таблица 2. Итоги года. Данные за 2024 г.', ['Таблица 2. Итоги года.', 'Данные за 2024 г.']],
  ['«рис.» at the end before a capital', 'Это видно на рис. Далее описан метод.', ['Это видно на рис.', 'Далее описан метод.']],
];

const money: Case[] = [
  ['«млрд.» before a capital', 'Товарооборот составил $70,2 млрд. Это на 40% больше.', ['Товарооборот составил $70,2 млрд.', 'Это на 40% больше.']],
  ['«млн руб.» before a capital', 'Стоимость — 1 млн руб. Срок — 2 года.', ['Стоимость — 1 млн руб.', 'Срок — 2 года.']],
  ['«тыс. руб.» before a capital', 'Выручка выросла на 5 тыс. руб. Прибыль упала.', ['Выручка выросла на 5 тыс. руб.', 'Прибыль упала.']],
  ['«тыс.» before lowercase', 'Завод выпустил 500 тыс. машин.', ['Завод выпустил 500 тыс. машин.']],
  ['«млрд.» before a quote and a capital', 'Сумма — 3 млрд. «Газпром» доволен.', ['Сумма — 3 млрд.', '«Газпром» доволен.']],
  ['«млрд.» before a dash and a capital', 'Сумма — 3 млрд. — Это много, — сказал он.', ['Сумма — 3 млрд.', '— Это много, — сказал он.']],
  ['«млрд долл. США» stays one', 'Выделено 2 млрд долл. США на дороги.', ['Выделено 2 млрд долл. США на дороги.']],
];

const dialogue: Case[] = [
  [
    'a dialogue dash opens a new turn',
    '— Ты ей скажи, что я ей гостинца дам. — А мне дашь?',
    ['— Ты ей скажи, что я ей гостинца дам.', '— А мне дашь?'],
  ],
  ['a turn after a statement, an attribution after a question', 'Он ушёл. — Куда? — спросила она.', ['Он ушёл.', '— Куда? — спросила она.']],
  ['hyphen dashes and straight quotes', '- "Так в чем же дело?" - "Не ра-ду-ют".', ['- "Так в чем же дело?"', '- "Не ра-ду-ют".']],
  ['a quoted question keeps its attribution', '"Что это?" — спросила она. Он молчал.', ['"Что это?" — спросила она.', 'Он молчал.']],
  ['«» quoted exclamation keeps its attribution', '«Стой!» — крикнул он.', ['«Стой!» — крикнул он.']],
  ['a turn after an ellipsis', 'Я думал… — Не надо.', ['Я думал…', '— Не надо.']],
  ['a turn after «!»', 'Стой! — Зачем?', ['Стой!', '— Зачем?']],
  ['TeX-style «--» dashes', 'Учил? -- спросила она. -- Учил!', ['Учил? -- спросила она.', '-- Учил!']],
];

const degreesAndInitials: Case[] = [
  ['a degree and initials', 'Беседа со специалистом, к.п.н. И. П. Карташовым.', ['Беседа со специалистом, к.п.н. И. П. Карташовым.']],
  ['initials after «Дж.»', 'Пришёл директор фирмы Чарльз Дж. Филлипс.', ['Пришёл директор фирмы Чарльз Дж. Филлипс.']],
  ['a unit is not an initial', 'Температура −5 °C. Ветер слабый.', ['Температура −5 °C.', 'Ветер слабый.']],
  ['a publisher after «изд.»', 'Книга вышла в изд. «Наука». Тираж мал.', ['Книга вышла в изд. «Наука».', 'Тираж мал.']],
  ['capital initials are not «н. э.»', 'Собирали А. Д. Григорьева, Н. Э. Ончуков и др.', ['Собирали А. Д. Григорьева, Н. Э. Ончуков и др.']],
];

const enumerators: Case[] = [
  [
    'an item after a semicolon',
    'Он вправе: 1) жить в данной квартире; 2) отчуждать свою долю.',
    ['Он вправе: 1) жить в данной квартире;', '2) отчуждать свою долю.'],
  ],
  ['a semicolon before lowercase goes on', 'Правила языка; в случае, если нет.', ['Правила языка; в случае, если нет.']],
  ['a number opening a paragraph', '4. Я присутствовал во время встречи.', ['4. Я присутствовал во время встречи.']],
  ['a number after a sentence', 'Так было. 4. Я присутствовал во время встречи.', ['Так было.', '4. Я присутствовал во время встречи.']],
  ['an emoticon ends a sentence', 'У пастухов - тоже ;) Я вспомнила.', ['У пастухов - тоже ;)', 'Я вспомнила.']],
  ['a double emoticon ends a sentence', 'Жабы :)) А платить мне будут 1200 рублей.', ['Жабы :))', 'А платить мне будут 1200 рублей.']],
  ['an emoticon after «!» stays with it', 'Шедевриально! =) Супер фото.', ['Шедевриально! =)', 'Супер фото.']],
  ['an emoticon before lowercase goes on', 'Смешно :) и грустно.', ['Смешно :) и грустно.']],
  ['emoji end a sentence', 'Ставь ❤️ Мы Алиса и Коля.', ['Ставь ❤️', 'Мы Алиса и Коля.']],
  ['emoji stay with the sentence they follow', 'Безумно красиво! 😍😍😍 Зато снег.', ['Безумно красиво! 😍😍😍', 'Зато снег.']],
  ['a closing parenthesis as an emoticon', 'Спасибо) Приходите ещё.', ['Спасибо)', 'Приходите ещё.']],
  ['numbered list markers are not emoticons', '1) Первый пункт. 2) Второй пункт.', ['1) Первый пункт.', '2) Второй пункт.']],
  ['lettered list markers are not emoticons', 'Нужно: а) Первое; б) Второе.', ['Нужно: а) Первое;', 'б) Второе.']],
  ['an emoji opening a paragraph is not a sentence', '✔ Готово. Дальше.', ['✔ Готово.', 'Дальше.']],
  // As UD Taiga's social-media sentences have it: emoji after a full stop belong to that sentence.
  ['emoji after a full stop stay with it', 'Снега нет. 🌴 ❄ Хотите фото?', ['Снега нет. 🌴 ❄', 'Хотите фото?']],
  ['an emoticon alone is not a sentence', ':) Привет всем.', [':) Привет всем.']],
  ['a parenthesis that closes one is not an emoticon', 'Компания (Microsoft) Выпустила.', ['Компания (Microsoft) Выпустила.']],
];

const kept: Case[] = [
  ['«Ну… Не знаю.» splits', 'Ну… Не знаю.', ['Ну…', 'Не знаю.']],
  ['an ellipsis before lowercase goes on', 'Если бы… не тот случай.', ['Если бы… не тот случай.']],
  ['«XXI в.» mid-sentence', 'В XXI в. регион изменился.', ['В XXI в. регион изменился.']],
  ['«2023 г.» at a sentence end', 'Это было в 2023 г. Потом всё изменилось.', ['Это было в 2023 г.', 'Потом всё изменилось.']],
  ['«2023 г.» at the text end', 'Это было в 2023 г.', ['Это было в 2023 г.']],
  ['«г.» before a quote and lowercase', '6 июля 2007 г. "в связи с совершением" дело закрыто.', ['6 июля 2007 г. "в связи с совершением" дело закрыто.']],
  ['«т. е.» before a number', 'Ответили 55 %, т. е. 55 % опрошенных.', ['Ответили 55 %, т. е. 55 % опрошенных.']],
  ['«?!» and «!..»', 'Неужели?! Брось!.." Связываться не хотелось.', ['Неужели?!', 'Брось!.."', 'Связываться не хотелось.']],
  ['«и т. д. и т. п.» before a capital', 'И т. д. и т. п. В общем, вся газета.', ['И т. д. и т. п.', 'В общем, вся газета.']],
  ['a closing guillemet after an ellipsis', 'Кто они такие… » Никто не знал.', ['Кто они такие… »', 'Никто не знал.']],
  ['Chinese full stops', '我们在北京。明天见！', ['我们在北京。', '明天见！']],
];

const groups: Record<string, Case[]> = {
  'dates and digits after a full stop': dates,
  'money and quantities': money,
  dialogue,
  'degrees and initials': degreesAndInitials,
  'enumerators and emoticons': enumerators,
  'what worked before': kept,
};

for (const [group, cases] of Object.entries(groups)) {
  describe(group, () => {
    it.each(cases)('%s', (_name, input, expected) => {
      expect(segmentSentences(input)).toEqual(expected);
    });
  });
}

describe('rule data', () => {
  it('an extra abbreviation (config extraAbbreviations) never ends a sentence', () => {
    const text = 'Отчёт подготовил вкл. Ахметов. Он прав.';
    expect(segmentSentences(text)).toEqual(['Отчёт подготовил вкл.', 'Ахметов.', 'Он прав.']);
    expect(segmentSentences(text, extendRules(russianRules, { noBreak: ['вкл.'] }))).toEqual(['Отчёт подготовил вкл. Ахметов.', 'Он прав.']);
  });

  it('a rule set can be given its own ordered rules', () => {
    const noDialogue = { ...russianRules, rules: [{ name: 'never', break: false }] };
    expect(segmentSentences('Он ушёл. Она осталась.', noDialogue)).toEqual(['Он ушёл. Она осталась.']);
  });

  it('an unknown name in a rule pattern is an error naming the rule', () => {
    const broken = { ...russianRules, rules: [{ name: 'typo', break: false, after: '{OPNE}' }] };
    expect(() => segmentSentences('А. Б.', broken)).toThrow(/typo.*\{OPNE\}/);
  });

  it('every Russian rule has a unique name', () => {
    const names = russianRules.rules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
