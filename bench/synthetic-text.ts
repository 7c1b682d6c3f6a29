/**
 * Deterministic Russian-like text for the benchmarks: sentences built from a pool of real Russian
 * words, numbers, quotes and dashes (the shape of news text), with English-like "translations".
 */
import { pick } from './measure.js';

const NOUNS = [
  'председатель', 'страны', 'региона', 'поддержку', 'помощь', 'сумму', 'саммит', 'встреча', 'столице',
  'декларацию', 'формате', 'партнером', 'товарооборот', 'договоренностей', 'агентство', 'дороги',
  'маршруты', 'поездов', 'проекты', 'энергетике', 'хозяйстве', 'аналитики', 'эксперты', 'инвестиции',
  'рынку', 'сотрудника', 'центра', 'экономике', 'державы', 'республик', 'соперничества', 'правительство',
  'министерство', 'бюджет', 'закон', 'реформа', 'граждан', 'предприятия', 'производство', 'экспорт',
  'импорт', 'валюты', 'банка', 'кредиты', 'инфляция', 'цены', 'зерна', 'нефти', 'газа', 'угля',
  'транзит', 'границы', 'таможни', 'перевозки', 'порта', 'аэропорта', 'города', 'области', 'района',
  'жителей', 'школы', 'больницы', 'университета', 'студентов', 'учителей', 'врачей', 'заводы', 'рабочих',
  'зарплаты', 'пенсии', 'налоги', 'пошлины', 'соглашение', 'переговоры', 'делегация', 'визит', 'президент',
  'парламент', 'депутаты', 'выборы', 'партии', 'оппозиция', 'суд', 'прокуратура', 'полиция', 'армия',
];
const VERBS = [
  'объявил', 'предоставит', 'подписали', 'договорились', 'проводить', 'назвал', 'предложил', 'довести',
  'пройдет', 'сообщило', 'отмечают', 'предлагает', 'остается', 'опережает', 'перестал', 'сумеют',
  'зависит', 'обсудили', 'заявил', 'подчеркнул', 'выросли', 'снизились', 'увеличит', 'сократит',
  'планирует', 'утвердил', 'рассмотрит', 'поддержали', 'отклонили', 'напомнил', 'уточнил', 'признал',
  'построят', 'откроют', 'запустили', 'завершили', 'начали', 'продолжат', 'получили', 'потеряли',
];
const ADJECTIVES = [
  'первом', 'очном', 'финансовую', 'безвозмездную', 'общую', 'древней', 'Великий', 'шелковый', 'надежным',
  'железной', 'новые', 'грузовых', 'совместные', 'сельском', 'крупные', 'научного', 'важным', 'одной',
  'национальный', 'региональный', 'международный', 'экономический', 'социальный', 'государственный',
  'частный', 'иностранный', 'местный', 'ежегодный', 'рекордный', 'значительный', 'серьезный', 'быстрый',
];
const NAMES = [
  'Казахстана', 'Кыргызстана', 'Таджикистана', 'Туркменистана', 'Узбекистана', 'Китая', 'Москвы',
  'Пекина', 'Вашингтона', 'Брюсселя', 'Астаны', 'Алматы', 'Бишкека', 'Ташкента', 'Душанбе', 'Ашхабада',
  'Сиане', 'Евразии', 'Каспий', 'Токаев', 'Си Цзиньпин', 'Т. Умаров', 'ЕАЭС', 'ШОС', 'ООН', 'ЕС',
];
const SMALL = ['в', 'на', 'по', 'с', 'к', 'из', 'для', 'о', 'и', 'но', 'а', 'что', 'как', 'уже', 'еще', 'не', 'до', 'от', 'при'];
const UNITS = ['млрд долларов', 'млн тонн', 'процентов', 'км', 'млрд юаней', 'млн тенге', 'тыс. человек', 'г.'];

const EN = [
  'the', 'of', 'and', 'to', 'in', 'a', 'for', 'on', 'with', 'by', 'president', 'government', 'region',
  'country', 'countries', 'summit', 'meeting', 'support', 'trade', 'billion', 'million', 'agreement',
  'signed', 'announced', 'proposed', 'railway', 'routes', 'freight', 'trains', 'projects', 'energy',
  'agriculture', 'analysts', 'experts', 'investment', 'market', 'economy', 'partner', 'reliable',
  'Kazakhstan', 'China', 'Beijing', 'Moscow', 'Central', 'Asia', 'budget', 'prices', 'exports', 'imports',
  'transit', 'border', 'customs', 'port', 'city', 'residents', 'schools', 'hospitals', 'students',
];

/** A Russian-like sentence of about `minChars`–`maxChars` characters (not guaranteed unique). */
export function russianSentence(random: () => number, minChars = 40, maxChars = 200): string {
  const target = minChars + Math.floor(random() * (maxChars - minChars + 1));
  const words: string[] = [];
  let length = 0;
  let open = false;
  while (true) {
    const roll = random();
    let word: string;
    if (roll < 0.3) word = pick(random, NOUNS);
    else if (roll < 0.45) word = pick(random, VERBS);
    else if (roll < 0.6) word = pick(random, ADJECTIVES);
    else if (roll < 0.68) word = pick(random, NAMES);
    else if (roll < 0.74) word = `${Math.floor(random() * 2030)} ${pick(random, UNITS)}`;
    else if (roll < 0.77) word = '—';
    else word = pick(random, SMALL);
    if (roll > 0.97 && !open) {
      word = `«${word}`;
      open = true;
    } else if (open && roll < 0.1) {
      word = `${word}»`;
      open = false;
    } else if (roll > 0.93 && words.length > 2) {
      word = `${word},`;
    }
    if (length + word.length + 1 > target && length >= minChars - 1) break;
    words.push(word);
    length += word.length + 1;
    if (length >= maxChars - 12) break;
  }
  let sentence = words.join(' ').replace(/,$/, '');
  if (open) sentence += '»';
  sentence = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  const end = random();
  sentence += end < 0.9 ? '.' : end < 0.96 ? '?' : '!';
  return sentence.slice(0, maxChars);
}

/** An English-like "translation" of about `chars` characters. */
export function englishSentence(random: () => number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = pick(random, EN);
    words.push(word);
    length += word.length + 1;
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * A variant of `sentence` as a fuzzy query: 1–`maxEdits` word edits (a word replaced by another of
 * the pool, dropped, added, or its ending changed as an inflection would).
 */
export function editedSentence(random: () => number, sentence: string, maxEdits = 5): string {
  const words = sentence.split(' ');
  const edits = 1 + Math.floor(random() * maxEdits);
  for (let e = 0; e < edits && words.length > 1; e++) {
    const at = Math.floor(random() * words.length);
    const roll = random();
    if (roll < 0.35) words[at] = pick(random, [...NOUNS, ...VERBS, ...ADJECTIVES]);
    else if (roll < 0.55) words.splice(at, 1);
    else if (roll < 0.75) words.splice(at, 0, pick(random, [...SMALL, ...NOUNS]));
    else {
      const word = words[at] as string;
      words[at] = `${word.slice(0, Math.max(1, word.length - 1 - Math.floor(random() * 2)))}${pick(random, ['а', 'е', 'ы', 'ой', 'ам', 'ии'])}`;
    }
  }
  return words.join(' ');
}
