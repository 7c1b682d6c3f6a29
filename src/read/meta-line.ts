import { wordsOf } from './line-features.js';

/*
 * Datelines, timestamps and the meta lines built around them (`17 марта 2021, 18:20 • Новости дня`,
 * `Всеволод Колюбакин Теле-Спутник - 11(145) Ноябрь 2007 г.`, `РИА Новости 17.05.23 Слов: 204`):
 * a line holding a date or a time, with little else and no sentence in it.
 */

const MONTHS_GENITIVE = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
const MONTHS_NOMINATIVE = 'январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь';
const MONTHS_SHORT = 'янв|фев|февр|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек';
const YEAR = String.raw`(?:\d{4}|'\d{2})(?:\s*(?:г\.|года?|год)|-й)?`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:МСК|мск|UTC|GMT)(?:[+−-]\d{1,2})?)?`;

const TOKENS: ReadonlyArray<{ re: RegExp; weight: 'time' | 'full' | 'day' | 'month' }> = [
  { re: new RegExp(String.raw`\d{4}-\d{2}-\d{2}(?:[T\s]+${TIME})?`, 'giu'), weight: 'full' },
  { re: new RegExp(String.raw`\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s*г\.)?`, 'giu'), weight: 'full' },
  { re: new RegExp(String.raw`\d{1,2}(?:[–-]\d{1,2})?\s+(?:${MONTHS_GENITIVE}|(?:${MONTHS_SHORT})\.?)(?:,?\s+${YEAR})?`, 'giu'), weight: 'day' },
  { re: new RegExp(String.raw`(?:${MONTHS_NOMINATIVE}|${MONTHS_GENITIVE})\s+${YEAR}`, 'giu'), weight: 'month' },
  { re: new RegExp(TIME, 'giu'), weight: 'time' },
];

/** Words that only frame a date: `Опубликовано`, `Обновлено`, weekdays, `сегодня`, `в`. */
const FRAME_WORDS = new Set(
  'опубликовано обновлено изменено дата публикации создано сегодня вчера в г. года понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье'.split(' '),
);

/**
 * A line that is a dateline or a meta line around a date: its date and time tokens removed, what is
 * left has no sentence end and few words, ignoring framing words: at most 6 beside a full date with
 * a time or a numeric date, 2 beside a day-month-year or a bare time (a headline «Пожар потушили к
 * 15:00» has more), 1–6 beside a month and year (a byline); a month and year alone (`Январь 2022`)
 * is a section heading, and a day and month without a year is kept.
 */
export function isMetaLine(line: string): boolean {
  let rest = line;
  const found = new Set<string>();
  for (const { re, weight } of TOKENS) {
    re.lastIndex = 0;
    rest = rest.replace(re, () => {
      found.add(weight);
      return ' ';
    });
  }
  if (found.size === 0) return false;
  rest = rest.replace(/(?:^|\s)Слов\s*:\s*\d+/gu, ' ');
  if (/[.!?…](?:\s|$)/u.test(rest.replace(/(?:^|\s)(?:г|\p{Lu})\./gu, ' '))) return false;
  const words = wordsOf(rest).filter((w) => !FRAME_WORDS.has(w.toLowerCase().replace(/[,:]$/u, '')));
  const dated = found.has('full') || (found.has('day') && /\d{4}|'\d{2}/u.test(line));
  if (dated) return words.length <= (found.has('time') || found.has('full') ? 6 : 2);
  if (found.has('time')) return words.length <= 2;
  return found.has('month') && words.length >= 1 && words.length <= 6;
}
