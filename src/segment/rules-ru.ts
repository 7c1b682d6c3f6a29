import type { BreakRule, SegmentationRules } from './segmentation-rules.js';

/*
 * Russian segmentation rules. Sources: razdel (natasha/razdel, MIT: `razdel/segmenters/sentenize.py`
 * for the rule order, `sokr.py` for the abbreviation lists), LanguageTool's `segment.srx` Russian
 * rules and Okapi's default SRX. Conventions for entries are in segmentation-rules.ts; in short:
 * `т. е.` also matches `т.е.`, an entry without a final dot (`млн`) covers `млн.`, case is ignored.
 * Initials (`А. С. Пушкин`, `Назарбаев Н. А.`) need no list: a lone capital + dot never ends a sentence.
 */

const noBreak = [
  // Titles and positions before a name
  'проф.', 'акад.', 'доц.', 'ассист.', 'зав.', 'зам.', 'нач.', 'ген.', 'и. о.', 'тов.', 'гр.', 'арх.',
  'г-н', 'г-жа', 'св.', 'чл.-корр.', 'корр.', 'ред.', 'сост.', 'Дж.', 'Вс.', 'с. н. с.', 'в. н. с.',
  'м. н. с.', 'н. с.',
  // Academic degrees: кандидат / доктор … наук
  'канд.', 'докт.', 'к. н.',
  'к. т. н.', 'д. т. н.', 'к. ф.-м. н.', 'д. ф.-м. н.', 'к. э. н.', 'д. э. н.', 'к. п. н.', 'д. п. н.',
  'к. и. н.', 'д. и. н.', 'к. ю. н.', 'д. ю. н.', 'к. х. н.', 'д. х. н.', 'к. б. н.', 'д. б. н.',
  'к. г. н.', 'д. г. н.', 'к. м. н.', 'д. м. н.', 'к. ф. н.', 'д. ф. н.', 'к. с.-х. н.', 'д. с.-х. н.',
  'к. филол. н.', 'д. филол. н.', 'к. филос. н.', 'д. филос. н.', 'к. полит. н.', 'д. полит. н.',
  'к. пед. н.', 'д. пед. н.', 'к. мед. н.', 'д. мед. н.', 'к. психол. н.', 'д. психол. н.',
  // Addresses and places (г. = город; after a year it is ambiguous, see below)
  'г.', 'гор.', 'ул.', 'пр.', 'просп.', 'пр-т', 'пер.', 'пл.', 'наб.', 'ш.', 'б-р', 'д.', 'к.', 'корп.',
  'стр.', 'кв.', 'оф.', 'эт.', 'пом.', 'ауд.', 'комн.', 'каб.', 'обл.', 'р-н', 'пос.', 'рп.', 'с.',
  'х.', 'дер.', 'о.', 'оз.', 'р.', 'им.', 'ст.', 'юр.', 'физ.', 'тел.',
  // Linking abbreviations inside a sentence
  'т. е.', 'т. к.', 'т. н.', 'т. о.', 'т. ч.', 'напр.', 'см.', 'ср.', 'букв.', 'ок.', 'обр.', 'ум.',
  'доп.', 'гос.', 'внутр.', 'л. д.', 'изд.', 'род.', 'ур.', 'урожд.', 'наст.', 'псевд.', 'т. наз.',
  // Languages: «(англ. Silk Road)»
  'англ.', 'рус.', 'русск.', 'лат.', 'кит.', 'каз.', 'нем.', 'фр.', 'итал.', 'исп.', 'греч.', 'укр.',
  'араб.', 'яп.', 'евр.', 'венг.', 'слав.', 'латв.', 'трад.',
  // References to parts of a text
  'п.', 'пп.', 'чч.', 'т.', 'абз.', 'подп.', 'пт.', 'сб.',
  // Latin abbreviations seen in Russian text
  'e. g.', 'i. e.', 'cf.', 'vs.', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'St.', 'No.', 'Bd.',
];

const ambiguous = [
  // "and so on": end a sentence when a new one follows («…, Брюсселя и др. Ответ…»)
  'и др.', 'и мн. др.', 'др.', 'и пр.', 'и проч.', 'и т. д.', 'и т. п.', 'т. д.', 'т. п.', 'ч. т. д.',
  'etc.', 'et al.',
  // Numbers, money and units: «$70,2 млрд. Это…», «1 млн руб. Срок…»
  'дес.', 'тыс.', 'млн', 'млрд', 'трлн', 'руб.', 'долл.', 'дол.', 'коп.', 'у. е.', 'проц.', 'га.',
  'барр.', 'куб.', 'км.', 'час.', 'мин.', 'сек.', 'чел.', 'экз.', 'шт.',
  // Eras, dates and coordinates: «в 100 г. до н. э. Рим…»
  'н. э.', 'до н. э.', 'с. г.', 'Р. Х.', 'с. ш.', 'ю. ш.', 'з. д.', 'в. д.', 'a. m.', 'p. m.',
  // Grammar labels and notes
  'ед. ч.', 'мн. ч.', 'сокр.', 'искл.', 'прим.', 'яз.', 'устар.', 'шутл.', 'ed.',
  // Company forms that often close a sentence
  'Inc.', 'Ltd.', 'Corp.', 'Co.',
];

const ambiguousAfterNumber = [
  // Year(s), century(ies), pages, roubles, centimetres: «в 2025 г. Следующий…» breaks,
  // «в XXI в. регион…» does not, «в г. Москва» never does.
  'г.', 'гг.', 'в.', 'вв.', 'с.', 'стр.', 'р.', 'см.',
];

// Take a number: «рис. 3», «табл. 2»; at a sentence end they break before a capital.
// «ч. 2 ст. 5», but «работаем с 9 до 18 ч. Перерыв…»
const takesNumber = ['рис.', 'табл.', 'илл.', 'прил.', 'вып.', 'разд.', 'сн.', 'ч.', 'гл.', 'fig.', 'p.', 'pp.'];

// Roman numerals after a name are not initials: «Пётр I. Он…», «Карл V. Его…»
const notInitials = ['I', 'V', 'X'];

// Heading numbers («1.», «1.2.», «IV.») may follow these: «§ 3.», «Статья 5.».
// Captions too: «Рис. 1. Схема работы», «Таблица 2. Итоги».
const headingPrefixes = [
  '§', '№', 'Глава', 'Гл.', 'Раздел', 'Статья', 'Ст.', 'Часть', 'Пункт', 'Приложение', 'Шаг',
  'Рис.', 'Рисунок', 'Табл.', 'Таблица',
];

// What may start a sentence after an ambiguous abbreviation: a capital (after opening quotes or a
// dialogue dash), a date («…в 2022 г. 5 июля германские войска…»), a list or heading number
// («…8 млн чел. 7. Общие положения»).
const MONTH = '(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)';
const SENTENCE_START = [
  '\\s+(?:{OPEN}\\s*)*(?:{DASH}\\s+(?:{OPEN}\\s*)*)?\\p{Lu}',
  `\\s+\\p{N}{1,2}\\s${MONTH}`,
  '\\s+\\p{N}{4}\\s+(?:год|г\\.)',
  '\\s+(?:\\p{N}{1,3}\\.)+\\s+\\p{Lu}',
  '\\s+\\p{N}{1,3}\\)\\s',
].join('|');
const EMOTICON = '[:;=]-?[)(]{1,3}';
// The sentence so far has a letter or digit (an emoticon or emoji alone is a bullet, not a sentence).
const HAS_TEXT = '[\\p{L}\\p{N}]';

/** In priority order: the first rule that matches a candidate decides; none matching means break. */
const rules: BreakRule[] = [
  // «3.6», «т.е.», «Брось!..»: punctuation not followed by a space ends nothing (CJK stops aside).
  { name: 'no-space-after', break: false, punctuation: '.*[^。！？｡]', after: '(?!\\s|$)' },
  // «в данной квартире; 2) отчуждать свою долю»: a list item after a semicolon.
  { name: 'enumerator-after-semicolon', break: true, punctuation: ';', after: '\\s+(?:\\p{N}{1,3}|\\p{L})\\)\\s' },
  { name: 'semicolon', break: false, punctuation: ';' },
  // «пастухов - тоже ;) Я вспомнила»
  { name: 'emoticon-before-capital', break: true, punctuation: EMOTICON, sentence: HAS_TEXT, after: '\\s+{OPEN}*\\p{Lu}' },
  { name: 'emoticon', break: false, punctuation: EMOTICON },
  // A lowercase word goes on the sentence, also after a dash: «"…?" — спросила она», «если бы… не тот».
  { name: 'lowercase-next', break: false, after: '\\s*(?:{OPEN}\\s*)*(?:{DASH}\\s*(?:{OPEN}\\s*)*)?\\p{Ll}' },
  // «кто они такие… »», «и др.), а также», «Шедевриально! =) Супер», «любовь? ``.» (a quote
  // before punctuation closes)
  { name: 'closing-or-comma-next', break: false, after: '\\s*(?:[»”’)\\]},;:]|=-?[)(])' },
  { name: 'quote-then-punctuation-next', break: false, after: '\\s*(?:``|\'\'|["\'“])[.,;:!?]' },
  // «``Как это делалось...'' (1992) и ``Две души''»
  { name: 'bracketed-number-next', break: false, after: '\\s*\\(\\p{N}+\\)\\s*\\p{Ll}' },
  // Social media: «спасибо) Спасибо большое», «бывает )) После того», «много снега😍 @друг ага»;
  // a parenthesis that closes one opened in the sentence is not an emoticon, nor is a list marker
  // («1) Первый», «а) Первый»), nor an emoji that is the first thing in a sentence («✔ Первое»).
  { name: 'parentheses-emoticon-before-capital', break: true, punctuation: '\\){2,}', before: '\\p{L}\\s?\\){2,}', after: '\\s+(?:{OPEN}*\\p{Lu}|@)' },
  { name: 'parenthesis-emoticon-before-capital', break: true, punctuation: '\\)', before: '\\p{L}{2}\\s?\\)', sentence: '^[^(]*$', after: '\\s+(?:{OPEN}*\\p{Lu}|@)' },
  { name: 'parenthesis', break: false, punctuation: '\\)+' },
  { name: 'emoji-before-capital', break: true, punctuation: '{EMOJI}(?:\\s*{EMOJI})*', sentence: HAS_TEXT, after: '\\s+(?:{OPEN}*\\p{Lu}|@)' },
  { name: 'emoji', break: false, punctuation: '{EMOJI}(?:\\s*{EMOJI})*' },
  // «4. Я присутствовал…», «§2. Нахождение…», «8.1. Зачем…»: a heading or list number.
  { name: 'heading-number', break: false, punctuation: '\\.', heading: true },
  // «40 млрд долл. США», «5 млн руб. РФ»
  { name: 'currency-country', break: false, punctuation: '\\.', after: '\\s+(?:США|РФ|КНР|ЕС)(?!\\p{L})', before: '(?:долл|дол|руб)\\.' },
  // Abbreviations end in a lone full stop (see segmentation-rules.ts for the classes).
  { name: 'abbreviation-no-break', break: false, abbreviation: 'noBreak' },
  { name: 'abbreviation-before-number', break: false, abbreviation: 'takesNumber', after: '\\s*\\p{N}' },
  { name: 'ambiguous-before-sentence-start', break: true, abbreviation: 'ambiguous', after: SENTENCE_START },
  { name: 'ambiguous', break: false, abbreviation: 'ambiguous' },
  { name: 'takes-number-before-sentence-start', break: true, abbreviation: 'takesNumber', after: SENTENCE_START },
  { name: 'takes-number', break: false, abbreviation: 'takesNumber' },
  // «А. С. Пушкин», «Л. В. Щербы», not «Пётр I. Он», «−5 °C. Ветер»
  { name: 'initial', break: false, punctuation: '\\.', before: '(?<![\\p{L}\\p{N}°]){NOT_INITIAL}\\p{Lu}\\.' },
];

export const russianRules: SegmentationRules = {
  locale: 'ru',
  noBreak,
  ambiguous,
  ambiguousAfterNumber,
  takesNumber,
  notInitials,
  headingPrefixes,
  rules,
};
