/**
 * The reader on real scraped pages (tests/fixtures/pages, addresses in SOURCES.json): each page's
 * blocks as a publication would translate them, and every rule family with a line it drops and a
 * line it keeps.
 */
import { describe, expect, it } from 'vitest';
import { defaultBoilerplateRules, defaultCaptionPatterns, readDocument, readDocumentExplained, type ReaderOptions } from '../src/read/index.js';
import { loadPages } from './helpers/pages.js';

const defaults: ReaderOptions = { boilerplate: defaultBoilerplateRules, captionPatterns: defaultCaptionPatterns };
const txt = (text: string) => readDocument(text, 'txt', defaults, 'page.ru.txt').map(({ kind, text: t }) => ({ kind, text: t }));
const BODY = 'Председатель КНР провел очный саммит с лидерами пяти стран Центральной Азии в городе Сиань.';

describe('real pages', () => {
  const pages = loadPages();
  it('has at least 15 real pages from at least 10 sites, and the seed', () => {
    expect(pages.length).toBeGreaterThanOrEqual(16);
    expect(new Set(pages.map((p) => p.name.split('-')[1])).size).toBeGreaterThanOrEqual(10);
    expect(pages.some((p) => p.name === '00-seed')).toBe(true);
  });
  it.each(pages.map((p) => [p.name, p] as const))('%s reads to its expected blocks', (_, page) => {
    expect(txt(page.text)).toEqual(page.expected);
  });
});

/** Whether `line` survives between a headline and a paragraph (or after the paragraph, with `after`). */
function kept(line: string, where: 'middle' | 'after' | 'before' = 'middle'): boolean {
  const page =
    where === 'before' ? `${line}\n\nСаммит в Сиане завершился\n\n${BODY}` : where === 'after' ? `Саммит в Сиане завершился\n\n${BODY}\n\n${line}` : `Саммит в Сиане завершился\n\n${BODY}\n\n${line}\n\n${BODY.replace('Сиань', 'Астана')}`;
  return txt(page).some((b) => b.text.includes(line.trim()));
}

describe('line rule families: one line dropped, one kept', () => {
  it.each([
    ['navigation', 'Главная › Новости › Мир', 'Главная задача саммита — развитие транспорта'],
    ['menu', 'Политика | Экономика | Общество', 'Рост составил 5 % (по данным Росстата)'],
    ['login', 'Все страны и города Войти', 'Войти в историю удалось немногим лидерам.'],
    ['accessibility', 'Ссылки для упрощенного доступа', 'Ссылки на документы саммита опубликованы на сайте МИД.'],
    ['font controls', 'Выберите шрифт Arial Times New Roman', 'Шрифты на плакатах саммита выбирали художники из Сианя.'],
    ['size switcher', 'XS SM MD LG', 'XS-размер самый популярный'],
    ['dateline', '2025-06-17 23:48', 'Встреча прошла 19 мая 2023 г. в Сиане'],
    ['dateline with weekday', 'Суббота, 31 января 2026, 15:13', 'В субботу, 31 января 2026 года, лидеры встретятся снова.'],
    ['dateline with seconds', '13.05.2023 12:15:00', 'Саммит пройдет 18 мая в Астане'],
    ['byline', 'Текст: Елизавета Шишкова', 'Текст декларации подписали все пять президентов.'],
    ['agency and word count', 'РИА Новости 17.05.23 Слов: 204', 'РИА Новости сообщили о подписании 24 документов.'],
    ['rubric', 'Рубрика: Политика', 'Рубрика «Мнения» открылась статьей эксперта.'],
    ['weather', 'Пасмурно -16°', 'Пасмурно было и в день открытия саммита.'],
    ['ticker', '$ 518.97 607.3 6.64', 'Курс доллара составил 518,97 тенге.'],
    ['poll', 'Опросы', 'Опросы показали рост доверия к переговорам.'],
    ['loading', 'Загрузка ... Загрузка ...', 'Загрузка поездов выросла на 20 процентов.'],
    ['widget title', 'Цитата дня', 'Цитата дня из выступления Си Цзиньпина облетела соцсети.'],
    ['separator', '* * *', 'Звездочки * * * в тексте стоят между главами.'],
    ['share', 'Поделиться: ВКонтакте Telegram WhatsApp', 'Поделиться опытом с коллегами решили все участники'],
    ['share, other wording', 'Рассказать друзьям', 'Рассказать друзьям о саммите решили все участники.'],
    ['subscribe', 'Подписывайтесь на наш ютуб-канал — вы сможете без VPN быть в курсе', 'Подписи под декларацией поставили все лидеры.'],
    ['site notice', 'Ведутся технические работы. Приносим извинения за неудобства!', 'На трассе ведутся ремонтные работы, сообщили в акимате.'],
    ['age rating', 'Возрастное ограничение 18+', 'Возраст участников форума — от 18 до 35 лет.'],
    ['shop', 'Купить PDF-версию', 'Купить билеты на форум можно на сайте организаторов.'],
  ])('%s', (_, drop, keep) => {
    expect(kept(drop)).toBe(false);
    expect(kept(keep)).toBe(true);
  });

  it('copyright: with a year the footer starts there; without one it is a photo credit', () => {
    expect(txt(`Заголовок статьи здесь\n\n${BODY}\n\n© 2023 «Новости Евразии»\n\nЕщё текст после подвала.`).map((b) => b.text)).toEqual(['Заголовок статьи здесь', BODY]);
    expect(txt(`Заголовок статьи здесь\n\n© mid.ru\n\n${BODY}\n\nЕщё текст, который остаётся в статье, потому что это не подвал.`).length).toBe(3);
  });

  it('strip rules cut widget words and keep the rest of the line', () => {
    expect(txt(`Заголовок статьи здесь\n\n${BODY}\n\nФото: Дмитрий Духанин, Коммерсантъ  /  купить фото`)[2]).toEqual({ kind: 'caption', text: 'Фото: Дмитрий Духанин, Коммерсантъ' });
    expect(txt('ПРОСТРАНСТВО ВОЗМОЖНОСТЕЙ Все страны и города Войти Председатель КНР провел очный саммит с лидерами пяти стран.')).toEqual([
      { kind: 'paragraph', text: 'Председатель КНР провел очный саммит с лидерами пяти стран.' },
    ]);
  });
});

describe('page rules', () => {
  it('repeated: a headline printed twice is kept once; a site name with its address is never the headline', () => {
    expect(txt(`Новости-сити.рф новости для всех\n\nЛидеры договорились о встрече\n\nЛидеры договорились о встрече\n\n${BODY}`)).toEqual([
      { kind: 'title', text: 'Лидеры договорились о встрече' },
      { kind: 'paragraph', text: BODY },
    ]);
  });

  it('repeated: a line printed twice in a row under the headline is a caption, kept once', () => {
    const caption = 'Лидеры пяти стран на саммите в Сиане во время встречи';
    expect(txt(`Саммит в Сиане завершился\n\n${caption}\n${caption}\n\n${BODY}`)[1]).toEqual({ kind: 'caption', text: caption });
  });

  it('teaser: a card with a comment count is dropped; a paragraph before a read-more link without a headline is kept', () => {
    expect(kept('Гордость за наше прошлое и уверенность в будущем страны – главные составляющие позиции.\n0 комментариев', 'before')).toBe(false);
    expect(txt(`${BODY}\nПодробнее`)).toEqual([{ kind: 'paragraph', text: BODY }]);
  });

  it('before-headline: chrome before the headline goes, a caption before it stays', () => {
    expect(txt(`Новости по-русски\n\nЛидеры договорились о встрече\n\n${BODY}`).map((b) => b.kind)).toEqual(['title', 'paragraph']);
    expect(txt(`Вид на Сиань. Фото: Синьхуа\n\nЛидеры договорились о встрече\n\n${BODY}`).map((b) => b.kind)).toEqual(['caption', 'title', 'paragraph']);
  });

  it('a subheadline under the title is a heading; a one-word source line is dropped', () => {
    expect(txt(`Лидеры договорились о встрече\n\nПять стран подпишут декларацию о партнерстве\n\nНТВ\n\n${BODY}`).map((b) => b.kind)).toEqual(['title', 'heading', 'paragraph']);
  });

  it('after-content: a headline-like line after the text goes; a cut paragraph with a comma stays', () => {
    expect(kept('Электроснабжение микрорайона «Пальмира» в Махачкале будет восстановлено до конца дня', 'after')).toBe(false);
    expect(kept('После встречи всех гостей, Касым-Жомарт Токаев открыл работу второго саммита «Центральная Ази', 'after')).toBe(true);
  });

  it('related-cards: cards after a related-articles header go; an article paragraph after «Читайте также» stays', () => {
    const cards = `Другие новости рубрики\n\nВ Уфе открылась выставка\n\nВ Уфе открылась выставка картин местных художников, сообщили организаторы.`;
    expect(txt(`Саммит в Сиане завершился\n\n${BODY}\n\n${cards}`).map((b) => b.kind)).toEqual(['title', 'paragraph']);
    expect(txt(`Саммит в Сиане завершился\n\n${BODY}\n\nЧитайте также\n\n${BODY.replace('Сиань', 'Астана')}`).length).toBe(3);
  });

  it('next-article: a headline after a full dateline that follows the text starts another article; a time alone does not', () => {
    const next = `Саммит в Сиане завершился\n${BODY}\n24.08.2025, 09:23 7091\nВ горах спасли шестерых туристов\nТуристов нашли спасатели МЧС, все они живы и здоровы, сообщили в ведомстве.`;
    expect(txt(next).map((b) => b.kind)).toEqual(['title', 'paragraph']);
    const update = `Саммит в Сиане завершился\n${BODY}\n12:30\nЛидеры вышли к журналистам\nЛидеры пяти стран ответили на вопросы журналистов после встречи.`;
    expect(txt(update).map((b) => b.kind)).toEqual(['title', 'paragraph', 'heading', 'paragraph']);
  });

  it('single-newline paragraphs split when each line ends a sentence; a hard-wrapped line continues', () => {
    expect(txt(`Заголовок статьи здесь\n${BODY}\nВторой абзац тоже заканчивается точкой и стоит отдельно.`).length).toBe(3);
    expect(txt(`Заголовок статьи здесь\n\nПредседатель КНР провел очный саммит с лидерами пяти стран Центральной Азии в\nгороде Сиань.`)[1]?.text).toBe(BODY);
  });

  it('a dash line after a colon is speech unless a second dash line makes it a list', () => {
    expect(txt(`Заголовок статьи здесь\n\nЮ. Грымов:\n\n- Добрый вечер! Это «Культурный код» в прямом эфире.`)[2]?.kind).toBe('paragraph');
    expect(txt(`Заголовок статьи здесь\n\n${BODY} Среди документов:\n- первый договор о партнерстве;\n- второй договор о союзе.`).slice(2).map((b) => b.kind)).toEqual(['list-item', 'list-item']);
  });

  it('explains every dropped, stripped and merged line with its rule id and reason', () => {
    const { decisions } = readDocumentExplained(`Ссылки для упрощенного доступа\n\nЗаголовок статьи здесь\n\n${BODY.slice(0, 60)}\n${BODY.slice(61)}\n\nXS\nSM`, 'txt', defaults, 'page.ru.txt');
    expect(decisions.map((d) => [d.line, d.action, d.rule])).toEqual([
      [1, 'dropped', 'accessibility'],
      [6, 'merged', 'line-continuation'],
      [8, 'dropped', 'font-size-switcher'],
      [9, 'dropped', 'font-size-switcher'],
    ]);
    expect(decisions[0]?.reason).toMatch(/accessibility/);
  });
});

describe('boilerplate config', () => {
  const resolve = async (boilerplate: unknown) => (await import('../src/config/resolve-config.js')).resolveConfig({ boilerplate }, '/p/pipeline.config.ts', 'pipeline.config.ts');

  it('extends the defaults (its rules first) and disables default rules by id', async () => {
    const config = await resolve({ extend: [{ id: 'promo', pattern: /^Промокод/u, reason: 'a promo line' }], disable: ['dateline'] });
    expect(config.boilerplate[0]?.id).toBe('promo');
    expect(config.boilerplate.some((r) => r.id === 'dateline')).toBe(false);
    expect(config.boilerplate.length).toBe(defaultBoilerplateRules.length);
    const read = (text: string) => readDocument(text, 'txt', { boilerplate: config.boilerplate, captionPatterns: config.captionPatterns }, 'a.ru.txt').map((b) => b.text);
    expect(read(`Саммит в Сиане завершился\n\n19 мая 2023, 16:40\n\nПромокод SALE на всё\n\n${BODY}`)).toEqual(['Саммит в Сиане завершился', '19 мая 2023, 16:40', BODY]);
  });

  it('an array replaces the defaults; a wrong id or shape is a config error naming the option', async () => {
    expect((await resolve([{ id: 'only', pattern: /^x$/u }])).boilerplate.map((r) => r.id)).toEqual(['only']);
    await expect(resolve({ disable: ['no-such-rule'] })).rejects.toThrow(/boilerplate\.disable.*no-such-rule/su);
    await expect(resolve({ extend: [{ id: 'x', pattern: 'Реклама' }] })).rejects.toThrow(/boilerplate\.extend\[0\]\.pattern/u);
    await expect(resolve({ remove: [] })).rejects.toThrow(/boilerplate\.remove/u);
  });
});
