import { isMetaLine } from './meta-line.js';
import type { BoilerplateRule } from './reader-types.js';

/*
 * Line rules for scraped Russian pages: what a publication would not translate. Each rule sees one
 * trimmed line and is anchored to the whole line, or to its start with a marker word, so a sentence
 * of an article is never dropped; page-level decisions (repeats, the headline, what comes before it
 * and after the last paragraph) are made by `classify-page.ts` from line features. JavaScript's `\b`
 * is ASCII-only: not used here. Families: navigation, accessibility and font controls, datelines and
 * bylines, widgets (weather, tickers, polls, loading, counters), calls to action (share, subscribe,
 * buy), footers. A config extends or disables them by id (`boilerplate: { extend, disable }`).
 */

const SIZE = '(?:XS|SM|S|MD|M|LG|L|XL|XXL)';
/** Menu words that end a site header: `… Все страны и города Войти`. */
const LOGIN = '(?:Войти|Вход|Регистрация|Личный\\s+кабинет|Выйти)';

export const defaultBoilerplateRules: readonly BoilerplateRule[] = [
  // Navigation.
  {
    id: 'nav-breadcrumbs',
    reason: 'breadcrumbs: the path of site sections',
    pattern: /^(?:Главная(?:\s+страница)?|На\s+главную)\s*(?:[›>»/→|].*)?$/u,
  },
  {
    id: 'nav-separated',
    reason: 'a menu: short items between `|`, `›`, `»`, `/` or `→`, no sentence',
    pattern: /^(?:[^.!?|›»/→]{1,40}[|›»/→]\s*){2,}[^.!?|›»/→]{0,40}$/u,
  },
  { id: 'nav-login', reason: 'a site header or menu ending in a login link', pattern: new RegExp(`^(?:\\S+(?:\\s+\\S+){0,8}\\s+)?${LOGIN}$`, 'u') },
  {
    id: 'nav-header-glued',
    scope: 'strip',
    reason: 'a site header glued before the first sentence, up to its login link',
    pattern: new RegExp(`^(?:\\S+\\s+){1,10}${LOGIN}\\s+(?=\\p{Lu})`, 'u'),
  },
  // Accessibility and reading controls.
  {
    id: 'accessibility',
    reason: 'an accessibility link or version switch',
    pattern:
      /^(?:Ссылки\s+для\s+упрощ[её]нного\s+доступа|(?:Версия\s+)?для\s+слабовидящих|Перейти\s+к\s+(?:основному\s+)?(?:содержанию|контенту|меню|навигации)|Обычная\s+версия(?:\s+сайта)?|Доступная\s+среда|Пропустить\s+навигацию)$/iu,
  },
  { id: 'font-size-switcher', reason: 'a font-size switcher', pattern: new RegExp(`^${SIZE}(?:\\s+${SIZE})*$`, 'u') },
  {
    id: 'font-controls',
    reason: 'font, spacing and colour controls',
    pattern: /^(?:Выберите\s+шрифт|Размер\s+шрифта|Шрифт\s*:|Шрифт$|Интервал\s+между\s+(?:буквами|строками)|Межбуквенный\s+интервал|Межстрочный\s+интервал|Цветовая\s+схема|Цвет\s+сайта|Изображения\s*:?\s*(?:вкл|выкл))/iu,
  },
  // Datelines, bylines, rubrics.
  { id: 'dateline', reason: 'a date or time with little else: a dateline, a timestamp, a meta line', pattern: isMetaLine },
  {
    id: 'byline',
    reason: 'a byline: the author or editor',
    pattern: /^(?:[ТT]екст|Автор|Авторы|Материал\s+подготовил[аи]?|Подготовил[аи]?|Беседовал[аи]?|Записал[аи]?|Редактор|Корреспондент)\s*:\s*[^.!?]{1,60}$/iu,
  },
  { id: 'wordcount', reason: 'an agency line with a word count', pattern: /(?:^|\s)Слов\s*:\s*\d+$/u },
  { id: 'rubric', reason: 'a rubric or category line', pattern: /^(?:Рубрика|Рубрики|Раздел|Категория|Категории|Сюжет)\s*:/iu },
  { id: 'tags', reason: 'a tag line', pattern: /^(?:Теги|Тэги|Метки)\s*:/iu },
  { id: 'age-rating', reason: 'an age rating', pattern: /^(?:Возрастное\s+ограничение\s*:?\s*)?\d{1,2}\s*\+$|^Возрастное\s+ограничение/iu },
  // Widgets.
  { id: 'no-words', reason: 'no words: a counter, a page number, a zoom control, a `* * *` separator', pattern: /^[^\p{L}]*$/u },
  {
    id: 'weather',
    reason: 'a weather widget',
    pattern:
      /^(?:(?:Ясно|Облачно|Пасмурно|Малооблачно|Переменная\s+облачность|Облачно\s+с\s+прояснениями|(?:Небольшой\s+)?(?:дождь|снег)|Туман|Гроза|Метель|Ливень)\s*,?\s*)?(?:\p{Lu}[\p{Ll}-]+\s+)?[+−-]?\d{1,2}\s*°\s*[CС]?$|^(?:Ясно|Облачно|Пасмурно|Малооблачно|Переменная\s+облачность)$/iu,
  },
  {
    id: 'ticker',
    reason: 'a currency or market ticker',
    pattern: /^(?:(?:[$€¥£₸₽]|USD|EUR|CNY|RUB|KZT|GBP|JPY|BTC|Brent|Нефть|Доллар|Евро|Юань|Курс(?:\s+валют)?|ЦБ|[▲▼↑↓%+−-]|\d[\d.,]*)\s*){2,}$/iu,
  },
  { id: 'poll', reason: 'a poll widget', pattern: /^(?:Опрос|Опросы|Голосование|Проголосовать|Голосовать|Результаты\s+опроса|Все\s+опросы)$/iu },
  { id: 'loading', reason: 'a loading placeholder', pattern: /^(?:Загрузка\s*(?:\.{3}|…)?\s*)+$/iu },
  {
    id: 'widget-title',
    reason: 'the title of a page widget (hour’s news, quote of the day, most read)',
    pattern:
      /^(?:[•·▪*]\s*)?(?:Новость\s+часа|Цитата\s+дня|Картина\s+дня|Новости\s+дня|Главное\s+за\s+(?:день|неделю|сутки)|Самое\s+(?:читаемое|популярное|обсуждаемое|интересное)|Популярное|Читаемое|Обсуждаемое|Последние\s+новости|Лента\s+новостей|Новости\s+партн[её]ров|Выбор\s+редакции|Топ\s+новостей|Другие\s+новости|Все\s+новости|Реклама)(?:$|(?=\p{Lu})|\s*[:•|]|\s+(?=\p{Lu})(?!.*[.!?…]$)\S+(?:\s+\S+){0,5}\s*$)/u,
  },
  {
    id: 'counter',
    scope: 'counter',
    reason: 'a comment or view counter: the block before it is a teaser card',
    pattern: /(?:^|(?<=[.!?…»"”]))\s*\d+\s+(?:комментари(?:й|я|ев)|просмотр(?:ов|а)?|отзыв(?:ов|а)?)$|^Комментарии\s*\(\d+\)$/iu,
  },
  {
    id: 'read-more',
    scope: 'read-more',
    reason: 'a read-more or comment link: under a headline, the block before it is a teaser card',
    pattern: /^(?:Комментировать|Написать\s+комментарий|Нет\s+комментариев|Обсудить|(?:Подробнее|Читать\s+(?:дальше|далее|полностью))\s*(?:[›»→]|\.{3}|…)?)$/iu,
  },
  {
    id: 'related-section',
    scope: 'related',
    reason: 'a section of links to other articles: it and the cards after it',
    pattern: /^(?:Другие\s+новости(?:\s+(?:рубрики|раздела|по\s+теме))?|Новости\s+по\s+теме|Похожие\s+(?:новости|материалы|статьи)|Материалы\s+по\s+теме|Ещё\s+по\s+теме|Еще\s+по\s+теме|Рекомендуем|Читайте\s+также|По\s+теме)\s*:?$/iu,
  },
  {
    id: 'gallery-controls',
    scope: 'strip',
    reason: 'photo-gallery buttons',
    pattern: /(?:Выйти\s+из\s+полноэкранного\s+режима|Развернуть\s+на\s+весь\s+экран|Открыть\s+в\s+полном\s+размере|Увеличить\s+фото|Листать\s+галерею)\s*/giu,
  },
  { id: 'buy-photo', scope: 'strip', reason: 'a buy-photo link after a credit', pattern: /(?<!\s)\s*[/|]\s*купить\s+фото\s*$/iu },
  // Calls to action.
  {
    id: 'related-links',
    reason: 'links to other articles',
    pattern: /^(?:(?:Читайте|Читать|Смотрите|См\.)\s+(?:также|ещё|еще|на\s+сайте)|По\s+теме|Материалы\s+по\s+теме)(?:\s*:.+)?$/iu,
  },
  {
    id: 'share-buttons',
    reason: 'share buttons',
    pattern: /^(?:Поделиться|Поделитесь)(?:\s+(?:новостью|ссылкой|в\s+соцсетях|с\s+друзьями))?\s*(?::.*)?$|^(?:Рассказать\s+друзьям|Отправить\s+(?:в\s+)?(?:Telegram|WhatsApp|ВКонтакте))$/iu,
  },
  {
    id: 'page-tools',
    reason: 'page tools: print, copy link, report a typo',
    pattern: /^(?:Распечатать|Версия\s+для\s+печати|Скопировать\s+ссылку|Отправить\s+другу|Сообщить\s+об\s+ошибке)$|Ctrl\s*\+\s*Enter/iu,
  },
  {
    id: 'subscribe',
    reason: 'a call to subscribe or follow',
    pattern: /^(?:Подписывайтесь|Подпишитесь|Подписаться|Присоединяйтесь\s+к\s+нам|Следите\s+за\s+(?:нами|новостями)\s+в|Читайте\s+нас\s+в)(?:\s|$)/iu,
  },
  { id: 'buy', reason: 'a shop link', pattern: /^(?:Купить\s+(?:PDF|номер|подписку|журнал|версию)|Скачать\s+PDF|PDF-версия|Оформить\s+подписку)\S*$/iu },
  {
    id: 'site-notice',
    reason: 'a site notice: maintenance, cookies',
    pattern: /^(?:На\s+сайте\s+)?[Вв]едутся\s+технические\s+работы|^(?:Мы\s+используем|Сайт\s+использует|Этот\s+сайт\s+использует|Продолжая\s+(?:использовать|пользоваться))[^.]*cookie/u,
  },
  // Footers.
  /** `© 2023 «Новости Евразии»`: with a year or a rights notice, the footer starts here. */
  {
    id: 'copyright',
    scope: 'rest',
    reason: 'the page footer starts at a copyright line',
    pattern: /^(?:©|Copyright\s|\([cс]\)\s*)(?=.*(?:(?:19|20)\d{2}|прав|reserved))/iu,
  },
  /** `© mid.ru`, `© ТАСС`: a short copyright without a year is a photo credit, not the footer. */
  { id: 'copyright-credit', reason: 'a photo credit given as a copyright', pattern: /^(?:©|\([cс]\))\s*\S+(?:\s+\S+){0,3}$/iu },
  { id: 'rights-reserved', reason: 'a rights notice', pattern: /(?:^|[.!?»]\s+)Все\s+права\s+(?:защищены|сохранены)\.?$/iu },
  {
    id: 'reprint-notice',
    reason: 'a reprint notice',
    pattern: /^(?:При\s+(?:цитировании|использовании|перепечатке)|Перепечатка|Использование\s+материалов)[^.]*(?:ссылк|разрешен|запрещен)[^.]*\.?$/iu,
  },
];

/** `Фото`, `Иллюстрация`, `Источник фото`, `Скриншот`, `Кадр из видео`, then `:` or a space. */
const CREDIT_WORD = '(?:Фото|ФОТО|Иллюстрация|Источник\\s+фото|Скриншот|Кадр\\s+из\\s+видео|Коллаж)(?::\\s*|\\s+)';

export const defaultCaptionPatterns: readonly RegExp[] = [
  /**
   * A line ending with a short photo credit after a sentence end or at the start:
   * `… на саммите в Сиане. Фото: Синьхуа`, `Фото РИА Новости`, `Фото: А. Иванов`,
   * `… Фото: facebook.com/golovanov.vasiliy`. The credit is at most 80 characters with no sentence
   * end inside (initials and a domain allowed).
   */
  new RegExp(`(?:^|[.!?…»)]\\s+)${CREDIT_WORD}(?:\\p{Lu}\\.\\s?){0,3}(?:[^.!?…\\s]+\\.[a-z]{2,}\\S*|[^.!?…]{1,80})\\.?$`, 'u'),
  /** A line starting with `Фото:`, `Иллюстрация:` or `Источник фото:`, however long. */
  /^(?:Фото|ФОТО|Иллюстрация|Источник\s+фото)\s*:/u,
  /** A line ending in a photo note: `…, архивное фото`, `(фото из открытых источников)`, `Фото пресс-службы`. */
  /(?:,\s*|\s[—–-]\s*|^)(?:архивное|иллюстративное|архивное\s+и\s+иллюстративное)\s+фото\)?$|\((?:архивное\s+)?фото(?:\s*:)?[^()]{0,60}\)$|^Фото\s+(?:пресс-службы|из\s+открытых\s+источников|предоставлено)/iu,
];
