import type { SegmentationRules } from './segmentation-rules.js';

/*
 * Russian segmentation rules. Sources to learn from: LanguageTool `segment.srx` (Russian rule) and
 * Okapi's default SRX. Conventions for writing entries are in segmentation-rules.ts; in short:
 * `т. е.` also matches `т.е.`, an entry without a final dot (`млн`) covers `млн.`, case is ignored.
 * Initials (`А. С. Пушкин`, `Назарбаев Н. А.`) need no list: a lone capital + dot never ends a sentence.
 */

const noBreak = [
  // Titles and positions before a name
  'проф.', 'акад.', 'доц.', 'ассист.', 'зав.', 'зам.', 'нач.', 'ген.', 'и. о.', 'тов.', 'гр.',
  'г-н', 'г-жа', 'св.', 'чл.-корр.', 'ред.', 'сост.', 'Дж.',
  // Academic degrees: кандидат / доктор … наук
  'канд.', 'докт.',
  'к. т. н.', 'д. т. н.', 'к. ф.-м. н.', 'д. ф.-м. н.', 'к. э. н.', 'д. э. н.',
  'к. и. н.', 'д. и. н.', 'к. ю. н.', 'д. ю. н.', 'к. х. н.', 'д. х. н.', 'к. б. н.', 'д. б. н.',
  'к. г. н.', 'д. г. н.', 'к. филол. н.', 'д. филол. н.', 'к. филос. н.', 'д. филос. н.',
  'к. полит. н.', 'д. полит. н.', 'к. пед. н.', 'д. пед. н.', 'к. мед. н.', 'д. мед. н.',
  // Addresses and places (г. = город; after a year it is ambiguous, see below)
  'г.', 'гг.', 'ул.', 'пр.', 'просп.', 'пр-т', 'пер.', 'пл.', 'наб.', 'ш.', 'б-р', 'д.', 'корп.',
  'кв.', 'оф.', 'обл.', 'р-н', 'пос.', 'с.', 'дер.', 'о.', 'оз.', 'им.',
  // Numbers, money and units
  'тыс.', 'млн', 'млрд', 'трлн', 'руб.', 'долл.', 'коп.',
  // Linking abbreviations inside a sentence
  'т. е.', 'т. к.', 'т. н.', 'т. о.', 'т. ч.', 'напр.', 'см.', 'ср.', 'англ.', 'рус.', 'лат.',
  'кит.', 'каз.', 'букв.',
  // References to parts of a text
  'стр.', 'рис.', 'табл.', 'гл.', 'ст.', 'п.', 'пп.', 'ч.', 'т.', 'вып.', 'прим.', 'разд.',
  'прил.', 'абз.', 'подп.',
  // Latin abbreviations seen in Russian text
  'e. g.', 'i. e.', 'cf.', 'vs.', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'St.',
];

const ambiguous = [
  // "and so on": end a sentence when a new one follows («…, Брюсселя и др. Ответ…»)
  'и др.', 'и мн. др.', 'и пр.', 'и проч.', 'и т. д.', 'и т. п.', 'т. д.', 'т. п.', 'etc.',
  // Eras: «в 100 г. до н. э. Рим…»
  'н. э.', 'до н. э.',
  // Company forms that often close a sentence
  'Inc.', 'Ltd.', 'Corp.', 'Co.',
];

const ambiguousAfterNumber = [
  // Year(s) and century(ies): «в 2025 г. Следующий…» breaks, «в XXI в. регион…» does not
  'г.', 'гг.', 'в.', 'вв.',
];

// Roman numerals after a name are not initials: «Пётр I. Он…», «Карл V. Его…»
const notInitials = ['I', 'V', 'X'];

// Heading numbers («1.», «1.2.», «IV.») may follow these: «§ 3.», «Статья 5.»
const headingPrefixes = ['§', '№', 'Глава', 'Раздел', 'Статья', 'Часть', 'Пункт', 'Приложение'];

export const russianRules: SegmentationRules = {
  locale: 'ru',
  noBreak,
  ambiguous,
  ambiguousAfterNumber,
  notInitials,
  headingPrefixes,
};
