import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { pseudoLocalize } from '../src/engine/pseudo-engine.js';
import {
  chooseMethods,
  joinPieces,
  protectSegment,
  tokenizeSegment,
  verifyPieces,
  type Piece,
  type ProtectionMethod,
  type Syntax,
} from '../src/protect/index.js';

const none = { doNotTranslate: [] as string[] };
const tok = (text: string, syntax: Syntax, doNotTranslate: string[] = []): Piece[] =>
  tokenizeSegment(text, syntax, { doNotTranslate });
/** The protected pieces only, as `kind:raw`, `open:raw`, `close:raw`. */
const kept = (pieces: readonly Piece[]): string[] =>
  pieces.flatMap((p) => (p.type === 'text' ? [] : [p.type === 'placeholder' ? `${p.kind}:${p.raw}` : `${p.type}${p.pair}:${p.raw}`]));
const texts = (pieces: readonly Piece[]): string[] => pieces.flatMap((p) => (p.type === 'text' ? [p.text] : []));

describe('tokenizeSegment: every syntax', () => {
  it('masks URLs without the sentence punctuation after them', () => {
    const text = 'Подробнее: https://example.com/path?q=1. См. также www.carnegie.ru, (https://ru.wikipedia.org/wiki/Foo_(bar)) и «https://x.kz/a»!';
    expect(kept(tok(text, 'plain'))).toEqual([
      'url:https://example.com/path?q=1',
      'url:www.carnegie.ru',
      'url:https://ru.wikipedia.org/wiki/Foo_(bar)',
      'url:https://x.kz/a',
    ]);
    expect(joinPieces(tok(text, 'plain'), 'plain')).toBe(text);
  });

  it('masks e-mail addresses, also in Cyrillic text', () => {
    expect(kept(tok('Пишите на press@carnegie.ru.', 'plain'))).toEqual(['email:press@carnegie.ru']);
    expect(texts(tok('Пишите на press@carnegie.ru.', 'plain'))).toEqual(['Пишите на ', '.']);
  });

  it('masks do-not-translate terms as whole words, longest first, case-sensitive', () => {
    const terms = ['C5', 'Carnegie', 'Carnegie Russia Eurasia Center'];
    expect(kept(tok('Формат C5, а не C55 или AC5; (C5) и c5.', 'plain', terms))).toEqual(['term:C5', 'term:C5']);
    expect(kept(tok('Центр Carnegie Russia Eurasia Center и Carnegie.', 'plain', terms))).toEqual([
      'term:Carnegie Russia Eurasia Center',
      'term:Carnegie',
    ]);
    expect(kept(tok('Саммит «Центральная Азия — Китай» (C5+1)', 'plain', terms))).toEqual(['term:C5']);
    // A term inside a URL stays part of the URL.
    expect(kept(tok('https://c5.org/C5 и C5', 'plain', terms))).toEqual(['url:https://c5.org/C5', 'term:C5']);
  });

  it('leaves text without anything to protect as one text piece', () => {
    expect(tok('Си Цзиньпин посетил Сиань.', 'markdown')).toEqual([{ type: 'text', text: 'Си Цзиньпин посетил Сиань.' }]);
    expect(tok('', 'icu')).toEqual([]);
  });
});

describe('tokenizeSegment: markdown', () => {
  it('pairs emphasis, strike, links and inline HTML; code, images, <br> and autolinks are placeholders', () => {
    const text =
      '**Жирный** и *курсив*, __тоже__ и _наклон_, ~~зачёркнуто~~, `npm ci`, [ссылка](https://x.com "Заголовок"), ' +
      '![фото](img/a.png), <b>б</b> <a href="https://y.kz">а</a> <span class="x">с</span><br><br/> <https://z.org>';
    const pieces = tok(text, 'markdown');
    expect(kept(pieces)).toEqual([
      'open1:**', 'close1:**', 'open2:*', 'close2:*', 'open3:__', 'close3:__', 'open4:_', 'close4:_',
      'open5:~~', 'close5:~~', 'code:`npm ci`', 'open6:[', 'close6:](https://x.com "Заголовок")',
      'tag:![фото](img/a.png)', 'open7:<b>', 'close7:</b>', 'open8:<a href="https://y.kz">', 'close8:</a>',
      'open9:<span class="x">', 'close9:</span>', 'tag:<br>', 'tag:<br/>', 'url:<https://z.org>',
    ]);
    expect(texts(pieces)).toContain('Жирный');
    expect(texts(pieces)).toContain('ссылка');
    expect(joinPieces(pieces, 'markdown')).toBe(text);
  });

  it('does not read intraword underscores, lone stars or backslash escapes as emphasis', () => {
    expect(kept(tok('Поле snake_case_name и 2 * 3 * 4 и \\*не курсив\\*', 'markdown'))).toEqual([]);
  });

  it('nests emphasis around URLs, code and links', () => {
    const pieces = tok('**см. https://x.com/a_b_ и `x`** *[тут](u)*', 'markdown');
    expect(kept(pieces)).toEqual([
      'open1:**', 'url:https://x.com/a_b_', 'code:`x`', 'close1:**', 'open2:*', 'open3:[', 'close3:](u)', 'close2:*',
    ]);
  });

  it('turns an unbalanced tag into a placeholder instead of throwing', () => {
    expect(kept(tok('Текст <b>без закрытия и </i> лишний', 'markdown'))).toEqual(['tag:<b>', 'tag:</i>']);
    expect(kept(tok('<b>а <i>б</b> в</i>', 'markdown'))).toEqual(['open1:<b>', 'tag:<i>', 'close1:</b>', 'tag:</i>']);
  });
});

describe('tokenizeSegment: i18next', () => {
  it('finds variables, nestings and Trans tags', () => {
    const text =
      'Привет, {{name}}! У вас {{count, number}} писем от {{- sender}}: $t(common.more) $t(key, {"a": "b", "n": {{n}} }) ' +
      '<0>ноль</0> <b>жирно</b> <strong>сильно</strong> <i>курсив</i> <1/> <br/>';
    const pieces = tok(text, 'i18next');
    expect(kept(pieces)).toEqual([
      'variable:{{name}}', 'variable:{{count, number}}', 'variable:{{- sender}}', 'nesting:$t(common.more)',
      'nesting:$t(key, {"a": "b", "n": {{n}} })', 'open1:<0>', 'close1:</0>', 'open2:<b>', 'close2:</b>',
      'open3:<strong>', 'close3:</strong>', 'open4:<i>', 'close4:</i>', 'tag:<1/>', 'tag:<br/>',
    ]);
    expect(joinPieces(pieces, 'i18next')).toBe(text);
  });

  it('keeps an unclosed <0> and an unbalanced $t( as what they are', () => {
    expect(kept(tok('Открыть <0>меню и $t(oops', 'i18next'))).toEqual(['tag:<0>']);
  });

  it('pairs nested tags of the same name innermost first', () => {
    expect(kept(tok('<0>а <0>б</0> в</0>', 'i18next'))).toEqual(['open1:<0>', 'open2:<0>', 'close2:</0>', 'close1:</0>']);
  });
});

describe('tokenizeSegment: icu', () => {
  it('finds arguments, #, and rich-text tags', () => {
    const text = 'Привет, {name}! {n, number} шт. на {d, date, short}: {p, number, ::currency/EUR} — # <b>жирно</b> <link>тут</link> <br/>';
    expect(kept(tok(text, 'icu'))).toEqual([
      'variable:{name}', 'variable:{n, number}', 'variable:{d, date, short}', 'variable:{p, number, ::currency/EUR}',
      'variable:#', 'open1:<b>', 'close1:</b>', 'open2:<link>', 'close2:</link>', 'tag:<br/>',
    ]);
  });

  it('keeps a plural or select the caller left in as one variable', () => {
    const text = "Всего {n, plural, one {# книга} other {# книг '{'}} и {g, select, male {он} other {она}}";
    expect(kept(tok(text, 'icu'))).toEqual([
      "variable:{n, plural, one {# книга} other {# книг '{'}}",
      'variable:{g, select, male {он} other {она}}',
    ]);
  });

  it('unescapes apostrophes and quoted syntax into visible text', () => {
    expect(tok("Don''t '{'literal'}' и '#'1 и '<b>' {x}", 'icu')).toEqual([
      { type: 'text', text: "Don't {literal} и #1 и <b> " },
      { type: 'placeholder', raw: '{x}', kind: 'variable' },
    ]);
    // A lone apostrophe before a letter is literal.
    expect(texts(tok("O'Brien", 'icu'))).toEqual(["O'Brien"]);
  });

  it('round-trips canonical messages, escapes included', () => {
    for (const text of [
      "Don''t worry",
      "'{'literal'}'",
      "Цена '{'{p, number}'}' за '#'1, ''в кавычках'' и '<'b>",
      "It''s {name}''s <b>book</b>",
      "'{'''",
      'Сайт https://x.kz/a и C5',
    ]) {
      const pieces = tok(text, 'icu', ['C5']);
      expect(joinPieces(pieces, 'icu')).toBe(text);
    }
  });

  it('writes text that the FormatJS parser reads back as the same literal inside a plural branch', () => {
    const visible = "It's {ok} <b> #1 ''";
    const icu = joinPieces([{ type: 'text', text: visible }], 'icu');
    const [plural] = parse(`{n, plural, other {${icu}}}`, { ignoreTag: false });
    expect(plural).toMatchObject({ type: 6, options: { other: { value: [{ type: 0, value: visible }] } } });
  });
});

describe('chooseMethods', () => {
  it('sends plain text as it is, XML when the engine handles tags, sentinels then split otherwise', () => {
    expect(chooseMethods(tok('Просто текст.', 'i18next'), true)).toEqual(['none']);
    expect(chooseMethods(tok('Привет, {{name}}', 'i18next'), true)).toEqual(['xml', 'sentinel']);
    expect(chooseMethods(tok('Привет, {{name}}', 'i18next'), false)).toEqual(['sentinel', 'split']);
    expect(chooseMethods(tok('Формат C5', 'plain', ['C5']), false)).toEqual(['sentinel', 'split']);
  });
});

const SAMPLES: ReadonlyArray<readonly [Syntax, string, string[]]> = [
  ['plain', 'Подробнее на https://carnegie.ru, пишите press@carnegie.ru. Формат C5 — важен.', ['C5']],
  ['markdown', '**Жирно** и [ссылка](https://x.com) с `кодом` и <b>тегом</b>, C5.', ['C5']],
  ['i18next', 'Привет, <0>{{name}}</0>! У вас <1>{{count}} сообщений</1> & <3>$t(more)</3><br/>', []],
  ['icu', "Don''t '{'нажимайте'}' <b>{n, number} раз</b>, # — C5", ['C5']],
];
const METHODS: readonly ProtectionMethod[] = ['none', 'xml', 'sentinel', 'split'];

describe('protectSegment: round trip with an engine that answers the wire itself', () => {
  for (const [syntax, text, doNotTranslate] of SAMPLES) {
    for (const method of METHODS) {
      it(`${syntax} through ${method}`, () => {
        const p = protectSegment(text, syntax, method, { doNotTranslate });
        expect(p.method).toBe(method);
        expect(p.format).toBe(method === 'xml' ? 'xml' : 'text');
        expect(p.restore(p.wire)).toEqual({ text, problems: [] });
      });
    }
  }

  it('xml escapes text and numbers placeholders and pairs in source order', () => {
    const p = protectSegment('Привет, <0>{{name}}</0> & <b>ты</b> < 5', 'i18next', 'xml', none);
    expect(p.wire).toEqual(['Привет, <g id="1"><x id="2"/></g> &amp; <g id="3">ты</g> &lt; 5']);
  });

  it('sentinel writes ⟦N⟧ and ⟦/N⟧', () => {
    const p = protectSegment('Привет, <0>{{name}}</0> и <b>ты</b>', 'i18next', 'sentinel', none);
    expect(p.wire).toEqual(['Привет, ⟦1⟧⟦2⟧⟦/1⟧ и ⟦3⟧ты⟦/3⟧']);
  });

  it('split sends only the trimmed runs that have letters', () => {
    const p = protectSegment('Привет, {{name}} — {{n}} <b>писем</b>!', 'i18next', 'split', none);
    expect(p.wire).toEqual(['Привет,', 'писем']);
    expect(protectSegment('{{a}} — {{b}}', 'i18next', 'split', none).wire).toEqual([]);
  });

  it('none sends ICU visible text and escapes the answer again', () => {
    const p = protectSegment("Don''t worry", 'icu', 'none', none);
    expect(p.wire).toEqual(["Don't worry"]);
    expect(p.restore(["It's {fine}"])).toEqual({ text: "It''s '{'fine'}'", problems: [] });
  });
});

describe('protectSegment: a realistic translation (words replaced, pairs reordered)', () => {
  const source = 'Привет, <0>{{name}}</0>! У вас <1>{{count}} сообщений</1>.';

  it('xml', () => {
    const p = protectSegment(source, 'i18next', 'xml', none);
    const answer = 'You have <g id="3"><x id="4"/> messages</g>, <g id="1"><x id="2"/></g>!';
    expect(p.restore([answer])).toEqual({ text: 'You have <1>{{count}} messages</1>, <0>{{name}}</0>!', problems: [] });
  });

  it('xml, answered with the spacing and quoting variants engines produce', () => {
    const p = protectSegment(source, 'i18next', 'xml', none);
    const answer = "Hi, < g id='1' ><x id = \"2\" ></x></ g >! <g id=\"3\"><x id='4' /> messages</g> &amp; more.";
    expect(p.restore([answer])).toEqual({ text: 'Hi, <0>{{name}}</0>! <1>{{count}} messages</1> & more.', problems: [] });
  });

  it('sentinel', () => {
    const p = protectSegment(source, 'i18next', 'sentinel', none);
    expect(p.restore(['You have ⟦3⟧⟦4⟧ messages⟦/3⟧, ⟦1⟧⟦2⟧⟦/1⟧!'])).toEqual({
      text: 'You have <1>{{count}} messages</1>, <0>{{name}}</0>!',
      problems: [],
    });
  });

  it('sentinel, answered with spaces, look-alike brackets and fullwidth digits', () => {
    const p = protectSegment(source, 'i18next', 'sentinel', none);
    expect(p.restore(['Hi, ⟦ 1 ⟧〚2〛⟦ /1 ⟧! [[3]]［［４］］ messages[[/3]].'])).toEqual({
      text: 'Hi, <0>{{name}}</0>! <1>{{count}} messages</1>.',
      problems: [],
    });
  });

  it('split', () => {
    const p = protectSegment(source, 'i18next', 'split', none);
    expect(p.wire).toEqual(['Привет,', '! У вас', 'сообщений']);
    expect(p.restore(['Hi,', '! You have', 'messages'])).toEqual({
      text: 'Hi, <0>{{name}}</0>! You have <1>{{count}} messages</1>.',
      problems: [],
    });
  });

  it('markdown through xml, emphasis and link swapped', () => {
    const p = protectSegment('**Си Цзиньпин** посетил [Сиань](https://x.cn/xian "Сиань").', 'markdown', 'xml', none);
    expect(p.wire).toEqual(['<g id="1">Си Цзиньпин</g> посетил <g id="2">Сиань</g>.']);
    expect(p.restore(['<g id="2">Xi\'an</g> was visited by <g id="1">Xi Jinping</g>.'])).toEqual({
      text: '[Xi\'an](https://x.cn/xian "Сиань") was visited by **Xi Jinping**.',
      problems: [],
    });
  });

  it('the pseudo engine keeps sentinels', () => {
    const p = protectSegment('Привет, <b>{{name}}</b> и C5', 'i18next', 'sentinel', { doNotTranslate: ['C5'] });
    const result = p.restore(p.wire.map((text) => pseudoLocalize(text)));
    expect(result.problems).toEqual([]);
    expect(result.text).toMatch(/^\[Þŕíṽéţ, <b>\{\{name\}\}<\/b> í C5 ·+\]$/);
  });

  it('keeps the spacing a Chinese answer has around markers, without problems', () => {
    const p = protectSegment(source, 'i18next', 'xml', none);
    expect(p.restore(['你好，<g id="1"><x id="2"/></g>！你有<g id="3"><x id="4"/>条消息</g>。'])).toEqual({
      text: '你好，<0>{{name}}</0>！你有<1>{{count}}条消息</1>。',
      problems: [],
    });
  });

  it('icu: the answer text is escaped again, the pieces are put back as they were', () => {
    const p = protectSegment("Нажмите <b>'{'ОК'}'</b>, {name}", 'icu', 'xml', none);
    expect(p.wire).toEqual(['Нажмите <g id="1">{ОК}</g>, <x id="2"/>']);
    expect(p.restore(["{name}'s <g id=\"1\">{OK}</g> — press it, <x id=\"2\"/>"]).text).toBe(
      "'{'name'}'''s <b>'{'OK'}'</b> — press it, {name}",
    );
  });
});

describe('protectSegment: what a broken answer is reported as', () => {
  const source = 'Привет, <0>{{name}}</0>! У вас {{count}} писем.';
  const xml = protectSegment(source, 'i18next', 'xml', none);
  const sentinel = protectSegment(source, 'i18next', 'sentinel', none);

  it('a dropped marker', () => {
    expect(xml.restore(['Hi, <g id="1"><x id="2"/></g>! You have mail.']).problems).toEqual(['placeholder {{count}} is missing']);
    expect(sentinel.restore(['Hi, ⟦1⟧⟦/1⟧! You have ⟦3⟧ letters.']).problems).toEqual(['placeholder {{name}} is missing']);
  });

  it('a duplicated marker', () => {
    expect(xml.restore(['Hi, <g id="1"><x id="2"/></g>! <x id="3"/> of <x id="3"/> letters.']).problems).toEqual([
      'placeholder {{count}} appears 2 times',
    ]);
    expect(sentinel.restore(['⟦1⟧⟦2⟧⟦/1⟧ ⟦1⟧⟦/1⟧ ⟦3⟧']).problems).toEqual(['tag <0>…</0> appears 2 times']);
  });

  it('a renumbered marker', () => {
    expect(xml.restore(['Hi, <g id="1"><x id="2"/></g>! <x id="9"/> letters.']).problems).toEqual([
      'unknown marker <x id="9"/>',
      'placeholder {{count}} is missing',
    ]);
    expect(sentinel.restore(['Hi, ⟦1⟧⟦2⟧⟦/1⟧! ⟦9⟧ letters.']).problems).toEqual(['unknown marker ⟦9⟧', 'placeholder {{count}} is missing']);
  });

  it('a marker of the wrong shape', () => {
    expect(xml.restore(['Hi, <x id="1"/><x id="2"/>! <x id="3"/> <b>letters</b>.']).problems).toEqual([
      'unknown marker <x id="1"/>',
      'unknown marker <b>',
      'unknown marker </b>',
      'tag <0>…</0> is missing',
    ]);
  });

  it('a dropped closing tag, and a stray one', () => {
    expect(xml.restore(['Hi, <g id="1"><x id="2"/>! <x id="3"/> letters.']).problems).toEqual([
      'tag <0>…</0> is missing its closing tag',
    ]);
    expect(xml.restore(['Hi, <x id="2"/></g>! <x id="3"/> letters.']).problems).toEqual([
      'closing marker </g> closes nothing',
      'tag <0>…</0> is missing',
    ]);
    expect(sentinel.restore(['Hi, ⟦2⟧⟦/1⟧! ⟦3⟧ letters.']).problems).toEqual(['tag <0>…</0> is missing its opening tag']);
  });

  it('misnested pairs', () => {
    const nested = protectSegment('<b>Очень <i>важно</i></b>', 'i18next', 'sentinel', none);
    expect(nested.restore(['⟦1⟧Very ⟦2⟧important⟦/1⟧⟦/2⟧']).problems).toEqual(['tag <b>…</b> is misnested']);
    expect(nested.restore(['⟦/1⟧Very⟦1⟧ ⟦2⟧important⟦/2⟧']).problems).toEqual(['tag <b>…</b> is misnested']);
    // XML closing tags carry no id: a misplaced </g> leaves the outer pair unclosed.
    const xmlNested = protectSegment('<b>Очень <i>важно</i></b>', 'i18next', 'xml', none);
    expect(xmlNested.restore(['<g id="1">Very <g id="2">important</g>']).problems).toEqual(['tag <b>…</b> is missing its closing tag']);
  });

  it('ASCII single brackets are not sentinels', () => {
    expect(sentinel.restore(['Hi, ⟦1⟧⟦2⟧⟦/1⟧! You have [3] letters.']).problems).toEqual(['placeholder {{count}} is missing']);
  });

  it('a wrong number of answers', () => {
    expect(xml.restore(['a', 'b']).problems).toEqual(expect.arrayContaining(['expected 1 translation, got 2']));
    const split = protectSegment(source, 'i18next', 'split', none);
    expect(split.restore(['Hi,']).problems).toEqual(['expected 3 translations, got 1']);
    expect(split.restore(['Hi,', '!', 'You have', 'letters']).problems).toEqual(['expected 3 translations, got 4']);
  });

  it('none, asked for a segment with pieces, checks the answer', () => {
    const p = protectSegment('Привет, {{name}}', 'i18next', 'none', none);
    expect(p.wire).toEqual(['Привет, {{name}}']);
    expect(p.restore(['Hi, {{имя}}']).problems).toEqual(['placeholder {{name}} is missing', 'placeholder {{имя}} is not in the source']);
  });
});

describe('verifyPieces', () => {
  it('accepts a target with the same pieces in another order', () => {
    expect(verifyPieces('Привет, <0>{{name}}</0>! {{count}} писем', '{{count}} letters for <0>{{name}}</0>', 'i18next')).toEqual([]);
    expect(verifyPieces('Привет, {{name}}', 'Hi, {{ name }}', 'i18next')).toEqual([]);
    expect(verifyPieces('**Важно**: см. https://x.com.', '**Important**: see https://x.com.', 'markdown')).toEqual([]);
    expect(verifyPieces('{n, number} книг, #', '#, {n,number} books', 'icu')).toEqual([]);
  });

  it('reports a translated variable', () => {
    expect(verifyPieces('Привет, {{name}}!', 'Привет, {{имя}}!', 'i18next')).toEqual([
      'placeholder {{name}} is missing',
      'placeholder {{имя}} is not in the source',
    ]);
  });

  it('reports a translated ICU keyword', () => {
    expect(verifyPieces('{n, number} книг', '{n, число} books', 'icu')).toEqual([
      'placeholder {n, number} is missing',
      'placeholder {n, число} is not in the source',
    ]);
  });

  it('reports repeated, added and dropped pieces', () => {
    expect(verifyPieces('{{count}} писем', '{{count}} of {{count}} letters', 'i18next')).toEqual(['placeholder {{count}} appears 2 times']);
    expect(verifyPieces('# книг', 'books', 'icu')).toEqual(['placeholder # is missing']);
    expect(verifyPieces('см. https://a.kz', 'see https://b.kz', 'plain')).toEqual([
      'placeholder https://a.kz is missing',
      'placeholder https://b.kz is not in the source',
    ]);
  });

  it('reports tags that lost a half or no longer nest', () => {
    expect(verifyPieces('<0>Открыть</0> меню', '<0>Open menu', 'i18next')).toEqual(['tag <0>…</0> is missing its closing tag']);
    expect(verifyPieces('<b>а</b> <i>б</i>', '<b>a <i>b</b></i>', 'i18next')).toEqual(['tag <i>…</i> is misnested']);
    expect(verifyPieces('[ссылка](https://x.com)', 'link', 'markdown')).toEqual(['tag […](https://x.com) is missing']);
    expect(verifyPieces('текст', '<b>text</b>', 'markdown')).toEqual(['tag <b>…</b> is not in the source']);
  });
});
