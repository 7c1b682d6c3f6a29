import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { exportXliff } from '../src/exchange/xliff-export.js';
import { importXliff } from '../src/exchange/xliff-import.js';
import type { XliffFile, XliffState, XliffUnit } from '../src/exchange/xliff-types.js';
import { decodeXmlEntities, escapeXmlAttribute, escapeXmlText, findNonXmlChar } from '../src/exchange/xml-text.js';
import type { Piece } from '../src/protect/protect-types.js';
import { thrownBy } from './helpers/thrown.js';
import { schemaErrors, XLIFF_XSD } from './helpers/xmllint.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'tilmash-xliff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Validates `xml` against the strict XLIFF 1.2 schema with xmllint; returns xmllint's complaints. */
function schemaErrorsOf(xml: string): string {
  const path = join(scratch, `check-${Math.random().toString(36).slice(2)}.xlf`);
  writeFileSync(path, xml);
  return schemaErrors(path, XLIFF_XSD);
}

const text = (t: string): Piece => ({ type: 'text', text: t });
const ph = (raw: string, kind: Extract<Piece, { type: 'placeholder' }>['kind'] = 'variable'): Piece => ({ type: 'placeholder', raw, kind });
const open = (raw: string, pair: number): Piece => ({ type: 'open', raw, pair });
const close = (raw: string, pair: number): Piece => ({ type: 'close', raw, pair });

const SOURCE_TAGS: Piece[] = [
  text('Председатель КНР '),
  open('<b>', 0),
  text('Си Цзиньпин'),
  close('</b>', 0),
  text(' посетил '),
  open('<a href="https://example.com/?a=1&b=2">', 1),
  open('<i>', 2),
  text('Сиань'),
  close('</i>', 2),
  close('</a>', 1),
  text(' и '),
  ph('{{count}}'),
  text(' города.'),
];

function unit(id: string, state: XliffState, target: Piece[] | undefined, extra: Partial<XliffUnit> = {}): XliffUnit {
  return { id, sourcePieces: SOURCE_TAGS, ...(target === undefined ? {} : { targetPieces: target }), state, notes: [], suggestions: [], ...extra };
}

const KK_TARGET: Piece[] = [
  text('ҚХР Төрағасы '),
  open('<b>', 0),
  text('Си Цзиньпин'),
  close('</b>', 0),
  text(' '),
  ph('{{count}}'),
  text(' қалаға, соның ішінде '),
  open('<a href="https://example.com/?a=1&b=2">', 1),
  open('<i>', 2),
  text('Сианьға'),
  close('</i>', 2),
  close('</a>', 1),
  text(' барды: әғқңөұүһі ӘҒҚҢӨҰҮҺІ.'),
];

const FILES: XliffFile[] = [
  {
    original: 'article',
    sourceLocale: 'ru',
    targetLocale: 'kk',
    units: [
      unit('article.title', 'new', undefined, { notes: ['Used in: article.title (title)'] }),
      unit('article.p-predsedatel#1', 'needs-translation', undefined, {
        suggestions: [{ sourcePieces: SOURCE_TAGS.slice(0, 5), targetPieces: KK_TARGET.slice(0, 4), similarity: 0.834, origin: 'tm' }],
      }),
      unit('article.p-predsedatel#2', 'translated', KK_TARGET, { stateQualifier: 'leveraged-mt', notes: ['QA placeholders: "{{count}}" & <b> kept', 'Description: a < b > c'] }),
      unit('article.p-predsedatel#3', 'needs-review-translation', KK_TARGET, { stateQualifier: 'fuzzy-match' }),
      unit('article.li-a&b "quoted"', 'signed-off', KK_TARGET, { stateQualifier: 'leveraged-tm' }),
      unit('article.caption', 'final', [text('Сурет: Қасым-Жомарт Тоқаев')], { stateQualifier: 'exact-match' }),
      {
        id: 'article.spaces',
        sourcePieces: [text('  две  строки\nи\tтаб '), ph('https://example.com', 'url'), text(' конец\r')],
        targetPieces: [text(' екі  жол\nжәне\tтаб '), ph('https://example.com', 'url')],
        state: 'translated',
        stateQualifier: 'mt-suggestion',
        notes: [],
        suggestions: [],
      },
    ],
  },
  {
    original: 'article',
    sourceLocale: 'ru',
    targetLocale: 'zh-Hans',
    units: [
      unit('article.p-predsedatel#2', 'translated', [
        text('国家主席'),
        open('<b>', 0),
        text('习近平'),
        close('</b>', 0),
        text('访问了'),
        open('<a href="https://example.com/?a=1&b=2">', 1),
        open('<i>', 2),
        text('西安'),
        close('</i>', 2),
        close('</a>', 1),
        text('等'),
        ph('{{count}}'),
        text('座城市。'),
      ], {
        suggestions: [
          { sourcePieces: [text('Сиань')], targetPieces: [text('西安')], similarity: 1, origin: 'tm' },
          { sourcePieces: [text('26 млрд юаней')], targetPieces: [text('260亿元')], similarity: 0.5, origin: 'tm' },
        ],
      }),
    ],
  },
  { original: 'empty', sourceLocale: 'ru', targetLocale: 'en-US', units: [] },
];

describe('exportXliff', () => {
  const xml = exportXliff(FILES, { toolVersion: '0.1.0' });

  it('validates against the strict XLIFF 1.2 schema', () => {
    expect(schemaErrorsOf(xml)).toBe('');
  });

  it('writes the documented format, byte for byte', () => {
    expect(xml).toBe(readFileSync(join(FIXTURES, 'xliff', 'tilmash-export.xlf'), 'utf8'));
    expect(exportXliff(FILES, { toolVersion: '0.1.0' })).toBe(xml);
  });

  it('puts state on <target>, sign-off as approved, tags as inline codes, matches as alt-trans', () => {
    expect(xml).not.toMatch(/<trans-unit[^>]*state=/);
    expect(xml).toContain('<trans-unit id="article.title">');
    expect(xml).toContain('<target state="new"/>');
    expect(xml).toContain('<trans-unit id="article.li-a&amp;b &quot;quoted&quot;" approved="yes">');
    expect(xml).toContain('<trans-unit id="article.caption" approved="yes">');
    expect(xml).toContain('<target state="translated" state-qualifier="leveraged-mt">ҚХР Төрағасы <bpt id="1" rid="0">&lt;b&gt;</bpt>');
    expect(xml).toContain('<bpt id="2" rid="1">&lt;a href="https://example.com/?a=1&amp;b=2"&gt;</bpt><bpt id="3" rid="2">&lt;i&gt;</bpt>Сиань<ept id="3" rid="2">&lt;/i&gt;</ept><ept id="2" rid="1">&lt;/a&gt;</ept>');
    expect(xml).toContain('<ph id="4" ctype="x-variable">{{count}}</ph>');
    expect(xml).toContain('<note from="developer">QA placeholders: "{{count}}" &amp; &lt;b&gt; kept</note>');
    expect(xml).toContain('<alt-trans match-quality="83" origin="tm" xml:space="preserve">'); // its source ends with a space
    expect(xml).toContain('<alt-trans match-quality="100" origin="tm">');
    expect(xml).toContain('<trans-unit id="article.spaces" xml:space="preserve">');
    expect(xml).toContain('конец&#xD;</source>');
    expect(xml).toContain('<target state="translated">国家主席');
    expect(xml).toContain('әғқңөұүһі ӘҒҚҢӨҰҮҺІ');
  });

  it('gives a moved target code the id of the same source code', () => {
    // In KK_TARGET {{count}} comes before the link: it keeps source id 4, the link keeps 2.
    const target = /<target state="translated" state-qualifier="leveraged-mt">(.*?)<\/target>/.exec(xml)?.[1] ?? '';
    expect(target.indexOf('<ph id="4"')).toBeLessThan(target.indexOf('<bpt id="2" rid="1">'));
  });

  it('keeps pair numbers that are not in opening order, in source and target', () => {
    const source = [open('<a>', 7), text('x'), close('</a>', 7), open('<b>', 3), text('y'), close('</b>', 3)];
    const target = [open('<b>', 5), text('Y'), close('</b>', 5), open('<a>', 2), text('X'), close('</a>', 2)];
    const swapped = exportXliff([{ original: 'a', sourceLocale: 'ru', targetLocale: 'zh', units: [unit('a.pairs', 'translated', target, { sourcePieces: source })] }], { toolVersion: '1' });
    expect(schemaErrorsOf(swapped)).toBe('');
    expect(swapped).toContain('<target state="translated"><bpt id="2" rid="5">&lt;b&gt;</bpt>Y<ept id="2" rid="5">&lt;/b&gt;</ept><bpt id="1" rid="2">');
    const [back] = importXliff(swapped, 'pairs.xlf')[0]?.units ?? [];
    expect(back?.sourcePieces).toEqual(source);
    expect(back?.targetPieces).toEqual(target);
  });

  it('stays valid with a broken target (a close without its open, a repeated placeholder)', () => {
    const broken = exportXliff(
      [{ original: 'a', sourceLocale: 'ru', targetLocale: 'en', units: [unit('a.x', 'needs-review-translation', [close('</a>', 1), text('x'), ph('{{count}}'), ph('{{count}}'), open('<b>', 0)])] }],
      { toolVersion: '0.1.0' },
    );
    expect(schemaErrorsOf(broken)).toBe('');
    const [unitBack] = importXliff(broken, 'broken.xlf')[0]?.units ?? [];
    expect(unitBack?.targetPieces?.map((p) => p.type)).toEqual(['close', 'text', 'placeholder', 'placeholder', 'open']);
  });

  it('refuses what XML cannot carry and what the schema refuses', () => {
    const withControl = [{ ...FILES[0]!, units: [unit('a.ctl', 'translated', [text('bell \u0007')])] }];
    expect(() => exportXliff(withControl, { toolVersion: '1' })).toThrow(/"a\.ctl".*U\+0007.*XML 1\.0/);
    expect(() => exportXliff(withControl, { toolVersion: '1' })).toThrow(TilmashError);
    expect(() => exportXliff([{ ...FILES[0]!, targetLocale: 'zh_CN' }], { toolVersion: '1' })).toThrow(/"zh_CN" is not a language tag/);
    expect(() => exportXliff([{ ...FILES[0]!, units: [unit('a', 'new', undefined), unit('a', 'new', undefined)] }], { toolVersion: '1' })).toThrow(/two units have the id "a"/);
    expect(() => exportXliff([{ ...FILES[0]!, units: [unit('a', 'translated', undefined)] }], { toolVersion: '1' })).toThrow(/state "translated" but no target/);
  });
});

describe('importXliff of Tilmash exports', () => {
  const xml = exportXliff(FILES, { toolVersion: '0.1.0' });
  const files = importXliff(xml, 'out/article.xlf');

  it('gives back the same files, ids, pieces and states', () => {
    expect(files.map((f) => [f.original, f.sourceLocale, f.targetLocale])).toEqual(FILES.map((f) => [f.original, f.sourceLocale, f.targetLocale]));
    FILES.forEach((expected, index) => {
      const units = files[index]?.units ?? [];
      expect(units.map((u) => ({ id: u.id, sourcePieces: u.sourcePieces, targetPieces: u.targetPieces, state: u.state, stateQualifier: u.stateQualifier, approved: u.approved }))).toEqual(
        expected.units.map((u) => ({
          id: u.id,
          sourcePieces: u.sourcePieces,
          targetPieces: u.targetPieces,
          state: u.state,
          stateQualifier: u.stateQualifier,
          approved: u.state === 'signed-off' || u.state === 'final',
        })),
      );
    });
  });

  it('reports the line of each trans-unit', () => {
    const lines = xml.split('\n');
    for (const unitBack of files.flatMap((f) => f.units)) {
      expect(lines[unitBack.line - 1]).toContain(`<trans-unit id="${escapeXmlAttribute(unitBack.id)}"`);
    }
  });
});

describe('importXliff of CAT-tool files', () => {
  const read = (name: string) => importXliff(readFileSync(join(FIXTURES, 'xliff', name), 'utf8'), name);

  it('reads memoQ-style states, approval, codes without text and character references', () => {
    const [file] = read('memoq-like.xlf');
    expect(file).toMatchObject({ original: 'article', sourceLocale: 'ru', targetLocale: 'kk' });
    const units = file?.units ?? [];
    expect(units.map((u) => [u.id, u.state, u.approved, u.line])).toEqual([
      ['article.title', 'final', true, 6],
      ['article.p-visit#1', 'signed-off', true, 10],
      ['article.p-visit#2', 'translated', false, 14],
      ['article.p-visit#3', 'needs-review-translation', false, 18],
      ['article.caption', undefined, false, 22],
      ['article.caption#2', 'needs-translation', false, 25],
    ]);
    expect(units[0]?.targetPieces).toEqual([text('ҚХР Төрағасы '), open('<b>', 0), text('Си Цзиньпин'), close('</b>', 0), text(' Сианьға барды')]);
    // <x id="2"/> and an emptied <ph id="1"/> take the source codes' raw text and kind.
    expect(units[1]?.sourcePieces).toEqual([text('Визит длился '), ph('{{days}}'), text(' дня, см. '), ph('https://example.com/?a=1&b=2', 'code'), text('.')]);
    expect(units[1]?.targetPieces).toEqual([ph('https://example.com/?a=1&b=2', 'code'), text(' сілтемесін қараңыз: сапар '), ph('{{days}}'), text(' күнге созылды.')]);
    expect(units[2]?.sourcePieces).toEqual([text('Цена — 3,6\u00a0млрд "долларов".')]);
    expect(units[2]?.targetPieces).toEqual([text('Бағасы — 3,6 млрд доллар.')]);
    expect(units[2]?.stateQualifier).toBe('leveraged-mt');
    expect(units[3]?.sourcePieces).toEqual([text('Код <b> в тексте')]);
    expect(units[3]?.targetPieces).toEqual([text('Мәтіндегі <b> коды')]);
    expect(units[4]?.targetPieces).toBeUndefined();
    expect(units[5]?.targetPieces).toBeUndefined();
  });

  it('reads OmegaT/Okapi-style prefixed elements, groups, <g> and <x/>', () => {
    const [file] = read('omegat-like.xlf');
    expect(file?.targetLocale).toBe('zh-Hans');
    const [first, second] = file?.units ?? [];
    expect(first).toMatchObject({ id: 'article.p-1#1', state: 'needs-review-translation', approved: false, line: 6 });
    expect(first?.sourcePieces).toEqual([text('Текст '), open('<g id="1">', 0), text('жирный'), close('</g>', 0), text(' и '), ph('<x id="2"/>', 'code'), text('.')]);
    expect(first?.targetPieces).toEqual([text('文本'), open('<g id="1">', 0), text('粗体'), close('</g>', 0), text('和'), ph('<x id="2"/>', 'code'), text('。')]);
    expect(second).toMatchObject({ id: 'article.p-1#2', state: 'needs-translation', targetPieces: [text('第二句。')] });
  });

  it('reads Trados-style files: unwraps segment markers, maps sdl:seg conf, ignores SDL elements', () => {
    const [file] = read('trados-like.sdlxliff');
    expect(file).toMatchObject({ original: 'article.xml', sourceLocale: 'ru-RU', targetLocale: 'zh-CN' });
    const [first, second] = file?.units ?? [];
    expect(first?.sourcePieces).toEqual([text('Председатель КНР '), open('<g id="pt1">', 0), text('Си Цзиньпин'), close('</g>', 0), text(' посетил Сиань. Это был визит.')]);
    expect(first?.targetPieces).toEqual([text('国家主席'), open('<g id="pt1">', 0), text('习近平'), close('</g>', 0), text('访问了西安。这是一次访问。')]);
    expect(first?.state).toBe('translated'); // the least advanced of ApprovedTranslation and Translated
    expect(second).toMatchObject({ state: 'final', targetPieces: [text('铁木尔·乌马罗夫')], line: 19 });
  });

  it('tolerates a BOM and CRLF line ends', () => {
    const xml = exportXliff(FILES.slice(0, 1), { toolVersion: '1' });
    const crlf = `\uFEFF${xml.replace(/\n/g, '\r\n')}`;
    const units = importXliff(crlf, 'crlf.xlf')[0]?.units ?? [];
    expect(units.map((u) => u.line)).toEqual(importXliff(xml, 'lf.xlf')[0]?.units.map((u) => u.line));
    expect(units.find((u) => u.id === 'article.spaces')?.sourcePieces).toEqual(FILES[0]?.units.find((u) => u.id === 'article.spaces')?.sourcePieces);
  });
});

describe('importXliff errors', () => {
  const fail = (xml: string): TilmashError => {
    const error = thrownBy(() => importXliff(xml, 'in/article.kk.xlf'), TilmashError, 'usage');
    expect(error.file).toBe('in/article.kk.xlf');
    return error;
  };
  const doc = (units: string) =>
    `<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" source-language="ru" target-language="kk" datatype="plaintext"><body>\n${units}\n</body></file>\n</xliff>\n`;

  it('malformed XML names the file, line and column', () => {
    expect(fail(doc('<trans-unit id="a"><source>x</trans-unit>')).message).toMatch(/^in\/article\.kk\.xlf:4:\d+: not well-formed XML: .*Fix the XML/);
    expect(fail(doc('<trans-unit id="a"><source>a & b</source></trans-unit>')).message).toMatch(/^in\/article\.kk\.xlf:4:\d+: not well-formed XML/);
    expect(fail('').message).toMatch(/^in\/article\.kk\.xlf/);
    expect(fail('<xliff version="1.2"/>\n<xliff version="1.2"/>').message).toMatch(/^in\/article\.kk\.xlf:2: .*second root element/);
  });

  it('a root that is not XLIFF 1.2', () => {
    expect(fail('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>').message).toMatch(/^in\/article\.kk\.xlf:2: expected an XLIFF 1\.2 document .*found <tmx>; export the file as XLIFF 1\.2/);
    expect(fail('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ru"/>').message).toMatch(/found <xliff version="2\.0"> in namespace "urn:oasis:names:tc:xliff:document:2\.0"/);
  });

  it('a trans-unit without id, without source, or with a repeated id', () => {
    expect(fail(doc('<trans-unit id="a"><source>x</source></trans-unit>\n<trans-unit><source>y</source></trans-unit>')).message).toBe(
      'in/article.kk.xlf:5: <trans-unit> has no id attribute; add a unique id="…" (Tilmash ids are <namespace>.<key>)',
    );
    expect(fail(doc('<trans-unit id="a"><target>x</target></trans-unit>')).message).toMatch(/:4: trans-unit "a" has no <source>/);
    expect(fail(doc('<trans-unit id="a"><source>x</source></trans-unit>\n\n<trans-unit id="a"><source>y</source></trans-unit>')).message).toMatch(/:6: trans-unit id "a" is already used on line 4/);
  });

  it('a file without its source language, an unknown entity, an undeclared prefix; no target-language is read as empty (po2xliff)', () => {
    expect(fail('<xliff version="1.2">\n<file original="a" target-language="kk" datatype="plaintext"><body/></file></xliff>').message).toMatch(/:2: <file> has no source-language attribute; add source-language="ru"/);
    expect(importXliff('<xliff version="1.2">\n<file original="a" source-language="ru" datatype="plaintext"><body/></file></xliff>', 'a.xlf')[0]?.targetLocale).toBe('');
    expect(fail(doc('<trans-unit id="a">\n<source>x &nbsp; y</source></trans-unit>')).message).toMatch(/:5: unknown entity or character reference &nbsp;/);
    expect(fail(doc('<trans-unit id="a"><source>&#1;</source></trans-unit>')).message).toMatch(/reference &#1;/);
    expect(fail(doc('<trans-unit id="a"><source><q:ph>x</q:ph></source></trans-unit>')).message).toMatch(/:4: the prefix "q" of <q:ph> is not declared/);
  });
});

describe('xml-text', () => {
  it('escapes text and attributes so a parser gives back every character', () => {
    expect(escapeXmlText('a<b>&]]>\r\n\t"')).toBe('a&lt;b&gt;&amp;]]&gt;&#xD;\n\t"');
    expect(escapeXmlAttribute('a<"&\t\n\r>')).toBe('a&lt;&quot;&amp;&#x9;&#xA;&#xD;&gt;');
    const onBad = (reference: string): never => {
      throw new Error(reference);
    };
    expect(decodeXmlEntities('&amp;lt; &#x4E2D;&#20013; &quot;&apos;', { onBad })).toBe('&lt; 中中 "\'');
    expect(() => decodeXmlEntities('&#xD800;', { onBad })).toThrow('&#xD800;');
    expect(() => decodeXmlEntities('&#x1;', { onBad })).toThrow('&#x1;');
    expect(decodeXmlEntities('a&#x1;b', { forbidden: 'decode' })).toBe('a\u0001b');
    expect(() => decodeXmlEntities('a & b')).toThrow('a bare "&"');
    expect(() => decodeXmlEntities('&#x110000;')).toThrow('beyond U+10FFFF');
    expect(() => decodeXmlEntities('&nbsp;')).toThrow('the entity &nbsp; is not supported');
    expect(findNonXmlChar('ok әғ 中 😀')).toBeUndefined();
    expect(findNonXmlChar('x\u000by')?.codePoint).toBe('U+000B');
    expect(findNonXmlChar('x\ud800')?.codePoint).toBe('U+D800');
  });
});
