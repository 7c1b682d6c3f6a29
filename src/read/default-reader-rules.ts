import type { BoilerplateRule } from './read-document.js';

/*
 * Defaults for scraped Russian news pages (the sample `source/article.ru.txt`). Rules see one
 * trimmed line; each is anchored to the whole line or to its start with a marker word and a colon,
 * so a sentence of the article is never dropped. JavaScript's `\b` is ASCII-only: not used here.
 */

const MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
const TIME = String.raw`\d{1,2}:\d{2}`;
const DATE = String.raw`(?:\d{1,2}\s+(?:${MONTHS})(?:\s+\d{4}(?:\s*г\.)?)?|\d{1,2}\.\d{1,2}\.\d{2,4})`;
const SIZE = '(?:XS|SM|S|MD|M|LG|L|XL)';

export const defaultBoilerplateRules: readonly BoilerplateRule[] = [
  /** `Главная › Новости › Мир`, also with `>`, `/`, `»`, `→`, `|` separators, or `Главная` alone. */
  { id: 'nav-breadcrumbs', pattern: /^(?:Главная(?:\s+страница)?|На\s+главную)\s*(?:[›>»/→|].*)?$/u },
  /** A font-size switcher: size tokens alone on a line (`XS SM MD LG`). */
  { id: 'font-size-switcher', pattern: new RegExp(`^${SIZE}(?:\\s+${SIZE})*$`, 'u') },
  /** `19 мая 2023, 16:40`, `19.05.2023 16:40`, `16:40, 19 мая 2023`, `19 мая 2023 г. в 16:40`. */
  {
    id: 'dateline',
    pattern: new RegExp(`^(?:${TIME},?\\s+)?${DATE}(?:,?\\s*(?:в\\s+)?${TIME})?$`, 'iu'),
  },
  /** `Читайте также: …`, `Смотрите также`, `См. также: …`, `По теме: …`. */
  { id: 'related-links', pattern: /^(?:(?:Читайте|Читать|Смотрите|См\.)\s+(?:также|ещё|еще)|По\s+теме)(?:\s*:.*)?$/iu },
  /** `Поделиться: ВКонтакте Telegram`; `Поделиться` alone. Not «Поделиться опытом…». */
  { id: 'share-buttons', pattern: /^(?:Поделиться|Поделитесь)(?:\s+(?:новостью|ссылкой|в\s+соцсетях))?\s*(?::.*)?$/iu },
  /** `Теги: …`, `Метки: …`. */
  { id: 'tags', pattern: /^(?:Теги|Тэги|Метки)\s*:/iu },
  /** `Подписывайтесь на наш Telegram-канал…`. */
  { id: 'subscribe', pattern: /^Подписывайтесь\s+на\s/iu },
  /** The page footer starts at a copyright line: it and everything after it are dropped. */
  { id: 'copyright', pattern: /^(?:©|Copyright\s|\([cс]\)\s*\d{4})/iu, scope: 'rest' },
  /** A rights notice ending a line (when the footer has no `©` line first). */
  { id: 'rights-reserved', pattern: /(?:^|[.!?»]\s+)Все\s+права\s+(?:защищены|сохранены)\.?$/iu },
  /** `При цитировании ссылка обязательна`, `Перепечатка … запрещена`. */
  {
    id: 'reprint-notice',
    pattern: /^(?:При\s+(?:цитировании|использовании|перепечатке)|Перепечатка|Использование\s+материалов)[^.]*(?:ссылк|разрешен|запрещен)[^.]*\.?$/iu,
  },
];

/** `Фото`, `Иллюстрация` or `Источник фото`, then `:` or a space. */
const CREDIT_WORD = '(?:Фото|ФОТО|Иллюстрация|Источник\\s+фото)(?::\\s*|\\s+)';

export const defaultCaptionPatterns: readonly RegExp[] = [
  /**
   * A line ending with a short photo credit after a sentence end or at the start:
   * `… на саммите в Сиане. Фото: Синьхуа`, `Фото РИА Новости`, `Фото: А. Иванов`.
   * The credit is at most 80 characters with no sentence end inside (initials allowed).
   */
  new RegExp(`(?:^|[.!?…»)]\\s+)${CREDIT_WORD}(?:\\p{Lu}\\.\\s?){0,3}[^.!?…]{1,80}\\.?$`, 'u'),
  /** A line starting with `Фото:`, `Иллюстрация:` or `Источник фото:`, however long. */
  /^(?:Фото|ФОТО|Иллюстрация|Источник\s+фото)\s*:/u,
];
