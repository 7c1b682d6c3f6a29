import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { exportTmx } from '../src/exchange/tmx-export.js';
import { decodeTmxBytes, importTmx, tmxLangMatches } from '../src/exchange/tmx-import.js';
import { decodeXmlBytes } from '../src/exchange/xml-bytes.js';
import type { TmEntry } from '../src/tm/index.js';
import { entryProblem } from '../src/tm/tm-validate.js';
import { thrownBy } from './helpers/thrown.js';
import { dtdErrors, reformatted, TMX_DTD } from './helpers/xmllint.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const NOW = '2026-01-02T03:04:05.000Z';
const TARGETS = ['en', 'kk', 'zh'] as const;
const OPTIONS = { sourceLocale: 'ru', targetLocales: TARGETS, now: NOW };

let temp = '';
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'tilmash-tmx-'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs xmllint against the TMX 1.4 DTD; returns its complaints ('' when valid). */
function dtdProblems(tmx: string): string {
  const file = join(temp, `check-${Math.random().toString(36).slice(2)}.tmx`);
  writeFileSync(file, tmx);
  return dtdErrors(file, TMX_DTD);
}

function entry(source: string, target: string, overrides: Partial<TmEntry> = {}): TmEntry {
  return { source, target, origin: 'engine:deepl', status: 'machine', created: '2025-05-01T10:00:00.000Z', changed: '2025-05-01T10:00:00.000Z', ...overrides };
}

function fixture(name: string): string {
  return decodeTmxBytes(readFileSync(join(fixtures, 'tmx', name)), name);
}

const TRICKY_SOURCE = 'Компания «A&B» сказала: "x < y > z" и \'кавычки\'.';
const PAIRS = [
  {
    locale: 'zh',
    entries: [
      entry('Встреча прошла в древней столице Китая.', '会晤在中国古都举行。', { origin: 'human', status: 'reviewed', created: '2024-11-26T00:00:00.000Z', changed: '2025-02-03T04:05:06.000Z' }),
      entry(TRICKY_SOURCE, '公司“A&B”说：“x < y > z”和\'引号\'。'),
    ],
  },
  {
    locale: 'en',
    entries: [
      entry(TRICKY_SOURCE, 'The company "A&B" said: "x < y > z" & \'quotes\'.', { status: 'needs-review', changed: '2025-05-02T11:22:33.456Z' }),
      entry('Встреча прошла в древней столице Китая.', "The meeting took place in China's ancient capital.", { origin: 'import:xliff', status: 'translated' }),
    ],
  },
  {
    locale: 'kk',
    entries: [entry('Встреча прошла в древней столице Китая.', 'Кездесу Қытайдың ежелгі астанасында өтті: ә ғ қ ң ө ұ ү һ і.', { created: '2025-01-01T00:00:00.123Z', changed: '2025-01-01T00:00:00.123Z' })],
  },
];

describe('exportTmx', () => {
  const tmx = exportTmx(PAIRS, { sourceLocale: 'ru', toolVersion: '0.1.0' });

  it('is valid TMX 1.4 according to the DTD', () => {
    expect(dtdProblems(tmx)).toBe('');
    expect(dtdProblems(exportTmx([], { sourceLocale: 'ru', toolVersion: '0.1.0' }))).toBe('');
  });

  it('writes one <tu> per source, sorted by source, with the targets in locale order', () => {
    const tus = tmx.split('<tu>').slice(1);
    expect(tus).toHaveLength(2);
    expect(tus[0]).toContain('<seg>Встреча прошла в древней столице Китая.</seg>');
    expect([...(tus[0] as string).matchAll(/xml:lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['ru', 'en', 'kk', 'zh']);
    expect([...(tus[1] as string).matchAll(/xml:lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['ru', 'en', 'zh']);
  });

  it('writes the header, dates, origin and status in the documented form', () => {
    expect(tmx.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')).toBe(true);
    expect(tmx).toContain(
      '<header creationtool="Tilmash" creationtoolversion="0.1.0" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ru" o-tmf="Tilmash"/>',
    );
    expect(tmx).toContain(
      '      <tuv xml:lang="zh" creationdate="20241126T000000Z" changedate="20250203T040506Z">\n' +
        '        <prop type="x-origin">human</prop>\n' +
        '        <prop type="x-status">reviewed</prop>\n' +
        '        <seg>会晤在中国古都举行。</seg>\n' +
        '      </tuv>\n',
    );
    // Milliseconds do not fit a TMX date: the exact stamp goes into a prop, only where needed.
    expect(tmx).toContain('<prop type="x-changed">2025-05-02T11:22:33.456Z</prop>');
    expect(tmx).toContain('<prop type="x-created">2025-01-01T00:00:00.123Z</prop>');
    expect(tmx.match(/x-created|x-changed/g)).toHaveLength(3);
  });

  it('escapes markup characters', () => {
    expect(tmx).toContain('<seg>Компания «A&amp;B» сказала: "x &lt; y &gt; z" и \'кавычки\'.</seg>');
    const attribute = exportTmx([], { sourceLocale: 'ru', toolVersion: '1 "beta" <&>' });
    expect(attribute).toContain('creationtoolversion="1 &quot;beta&quot; &lt;&amp;&gt;"');
    expect(dtdProblems(attribute)).toBe('');
  });

  it('is byte-stable whatever the order of pairs and entries', () => {
    const shuffled = [...PAIRS].reverse().map(({ locale, entries }) => ({ locale, entries: [...entries].reverse() }));
    expect(exportTmx(shuffled, { sourceLocale: 'ru', toolVersion: '0.1.0' })).toBe(tmx);
  });

  it('refuses a character XML 1.0 cannot carry, naming the TM file and the entry', () => {
    const error = thrownBy(() => exportTmx([{ locale: 'en', entries: [entry('Раз.', 'One\u000B.')] }], { sourceLocale: 'ru', toolVersion: '0.1.0' }), TilmashError);
    expect(error.kind).toBe('badTm');
    expect(error.message).toContain('ru-en.jsonl');
    expect(error.message).toContain('"Раз."');
    expect(error.message).toContain('U+000B');
  });

  it('refuses a date that is not ISO 8601, naming the entry', () => {
    const error = thrownBy(() => exportTmx([{ locale: 'kk', entries: [entry('Два.', 'Екі.', { changed: 'yesterday' })] }], { sourceLocale: 'ru', toolVersion: '0.1.0' }), TilmashError);
    expect(error.message).toMatch(/ru-kk\.jsonl: the entry for "Два\.": its "changed" date "yesterday"/);
  });

  it('keeps a carriage return inside a segment as a character reference', () => {
    const out = exportTmx([{ locale: 'en', entries: [entry('Раз.', 'One\r\ntwo')] }], { sourceLocale: 'ru', toolVersion: '0.1.0' });
    expect(out).toContain('<seg>One&#xD;\ntwo</seg>');
    expect(importTmx(out, 'x.tmx', OPTIONS).entries.get('en')?.[0]?.target).toBe('One\r\ntwo');
  });
});

describe('export → import round trip', () => {
  it('keeps source, target, origin, status, created and changed for every locale', () => {
    const tmx = exportTmx(PAIRS, { sourceLocale: 'ru', toolVersion: '0.1.0' });
    const result = importTmx(tmx, 'round.tmx', OPTIONS);
    expect(result.skipped).toEqual([]);
    for (const { locale, entries } of PAIRS) {
      expect(result.entries.get(locale)).toEqual([...entries].sort((a, b) => (a.source < b.source ? -1 : 1)));
    }
  });

  it('survives xmllint reformatting (indentation outside <seg> is not content)', () => {
    const file = join(temp, 'pretty.tmx');
    writeFileSync(file, exportTmx(PAIRS, { sourceLocale: 'ru', toolVersion: '0.1.0' }));
    expect(importTmx(reformatted(file), 'pretty.tmx', OPTIONS).entries.get('kk')).toEqual(PAIRS[2]?.entries);
  });
});

describe('importTmx: files made by other tools', () => {
  it('reads an OmegaT project memory (ru → kk): normalised sources, latest changedate wins, codes removed', () => {
    const result = importTmx(fixture('omegat-ru-kk.tmx'), 'omegat-ru-kk.tmx', OPTIONS);
    const imported = { origin: 'import:tmx', status: 'translated' };
    expect(result.entries.get('kk')).toEqual([
      { source: 'Аналитики задаются вопросом.', target: 'Талдаушылар сұрақ қояды.', ...imported, created: '2025-04-14T10:15:00.000Z', changed: '2025-04-14T10:15:00.000Z' },
      {
        source: 'Встреча прошла в древней столице Китая.',
        target: 'Кездесу Қытайдың көне астанасында өтті.',
        ...imported,
        created: '2025-03-01T09:00:00.000Z',
        changed: '2025-04-12T15:30:12.000Z',
      },
      {
        source: 'Компания «Газпром» сообщила об этом.',
        target: '«Газпром» компаниясы бұл туралы хабарлады.',
        ...imported,
        created: '2025-04-13T08:00:00.000Z',
        changed: '2025-04-13T08:00:00.000Z',
      },
      {
        source: 'Саммит «Центральная Азия — Китай» & его итоги.',
        target: '«Орталық Азия — Қытай» саммиті & оның қорытындылары.',
        ...imported,
        created: '2025-04-12T15:35:00.000Z',
        changed: '2025-04-12T15:35:00.000Z',
      },
    ]);
    expect(result.entries.get('en')).toEqual([]);
    expect(result.entries.get('zh')).toEqual([]);
    for (const imported of result.entries.get('kk') ?? []) expect(entryProblem(imported)).toBeUndefined(); // TranslationMemory.record accepts them
    expect(result.skipped).toEqual([
      { tu: 1, line: 9, reason: 'kk: the same source as tu 2, which has the later (or same) changedate' },
      { tu: 5, line: 43, reason: 'kk: the target is empty' },
    ]);
  });

  it('reads a Trados-style UTF-16 file (ru-RU → zh-CN): tu-level dates, numeric references, <ph> units skipped, zh-TW not zh', () => {
    const bytes = readFileSync(join(fixtures, 'tmx', 'trados-ru-zh.tmx'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const result = importTmx(fixture('trados-ru-zh.tmx'), 'trados-ru-zh.tmx', OPTIONS);
    const zh = result.entries.get('zh') ?? [];
    expect(zh.map((e) => [e.source, e.target])).toEqual([
      ['Объём торговли вырос до 26\u00A0млрд юаней.', '贸易额增长至260亿元。'],
      ['Си Цзиньпин встретился с Касым-Жомартом Токаевым.', '习近平会见了托卡耶夫。'],
      ['Синьхуа сообщает из Сианя.', '新华社从西安报道。'],
    ]);
    expect(zh[1]).toMatchObject({ origin: 'import:tmx', status: 'translated', created: '2025-01-10T08:15:00.000Z', changed: '2025-01-15T12:00:00.000Z' });
    expect(result.skipped).toEqual([
      { tu: 3, line: 28, reason: 'the source contains a <ph> placeholder, which plain text cannot keep' },
      { tu: 5, line: 44, reason: 'no <tuv> in en, kk, zh (languages: ru-RU, zh-TW)' },
    ]);
  });

  it('reads a TMX 1.1 file with lang= attributes and srclang *all*', () => {
    const result = importTmx(fixture('tmx11-multilingual.tmx'), 'tmx11-multilingual.tmx', OPTIONS);
    const undated = { origin: 'import:tmx', status: 'translated', created: NOW, changed: NOW };
    expect(result.entries.get('en')).toEqual([
      { source: 'Пять республик Центральной Азии.', target: 'The five Central Asian republics.', ...undated },
      { source: 'Центр Карнеги «Россия — Евразия».', target: 'Carnegie Russia Eurasia Center.', ...undated },
    ]);
    expect(result.entries.get('kk')).toEqual([{ source: 'Пять республик Центральной Азии.', target: 'Орталық Азияның бес республикасы.', ...undated }]);
    expect(result.entries.get('zh')).toEqual([{ source: 'Пять республик Центральной Азии.', target: '中亚五国。', ...undated }]);
    expect(result.skipped).toEqual([
      { tu: 3, line: 18, reason: 'no <tuv> in ru (languages: EN-US, FR-FR)' },
      { tu: 4, line: 22, reason: 'no <tuv> in en, kk, zh (languages: RU-RU, DE-DE)' },
    ]);
  });

  it('matches TMX language tags to Tilmash locales by language and script', () => {
    for (const tag of ['en', 'EN-US', 'en-GB', 'en_US']) expect(tmxLangMatches(tag, 'en')).toBe(true);
    for (const tag of ['zh', 'zh-CN', 'ZH-CN', 'zh-Hans', 'zh-SG', 'zh-Hans-CN', 'zh-CHS']) expect(tmxLangMatches(tag, 'zh')).toBe(true);
    for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-CHT']) expect(tmxLangMatches(tag, 'zh')).toBe(false);
    expect(tmxLangMatches('zh-TW', 'zh-Hant')).toBe(true);
    for (const tag of ['kk', 'kk-KZ', 'KK-KZ', 'kk-Cyrl-KZ']) expect(tmxLangMatches(tag, 'kk')).toBe(true);
    for (const tag of ['kk-Latn', 'kk-CN', 'ky', 'ru']) expect(tmxLangMatches(tag, 'kk')).toBe(false);
    expect(tmxLangMatches('en-US', 'en-GB')).toBe(false);
    expect(tmxLangMatches('not a tag', 'en')).toBe(false);
  });

  it('takes x-origin and x-status only when they hold Tilmash values', () => {
    const tmx = unit('<prop type="x-origin">TM</prop><prop type="x-status">Approved</prop>', 'Раз.', 'One.');
    expect(importTmx(tmx, 'a.tmx', OPTIONS).entries.get('en')).toEqual([{ source: 'Раз.', target: 'One.', origin: 'import:tmx', status: 'translated', created: NOW, changed: NOW }]);
    const ours = unit('<prop type="x-origin">engine:deepl</prop><prop type="x-status">machine</prop>', 'Раз.', 'One.');
    expect(importTmx(ours, 'a.tmx', OPTIONS).entries.get('en')?.[0]).toMatchObject({ origin: 'engine:deepl', status: 'machine' });
  });

  it('prefers the TMX date over a stale x-changed prop left by another tool', () => {
    const tmx = unit('<prop type="x-changed">2025-05-02T11:22:33.456Z</prop>', 'Раз.', 'One.', 'changedate="20250601T000000Z"');
    expect(importTmx(tmx, 'a.tmx', OPTIONS).entries.get('en')?.[0]?.changed).toBe('2025-06-01T00:00:00.000Z');
  });

  it('reads UTF-8 with a byte-order mark, and UTF-16BE', () => {
    const text = unit('', 'Раз.', 'One.');
    const expected = importTmx(text, 'a.tmx', OPTIONS);
    expect(importTmx(decodeTmxBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.tmx'), 'a.tmx', OPTIONS)).toEqual(expected);
    expect(importTmx(`\uFEFF${text}`, 'a.tmx', OPTIONS)).toEqual(expected);
    const utf16be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    expect(importTmx(decodeTmxBytes(utf16be, 'a.tmx'), 'a.tmx', OPTIONS)).toEqual(expected);
  });

  it('skips a unit whose segment holds a control character', () => {
    const tmx = unit('', 'Раз.', 'One&#x1;.');
    expect(importTmx(tmx, 'a.tmx', OPTIONS).skipped).toEqual([{ tu: 1, line: 5, reason: 'en: the target contains U+0001, a control character' }]);
  });
});

/** A one-unit TMX with an `en` target. */
function unit(targetProps: string, source: string, target: string, targetAttributes = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' +
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ru" datatype="plaintext"/>\n<body>\n' +
    `<tu><tuv xml:lang="ru"><seg>${source}</seg></tuv><tuv xml:lang="en" ${targetAttributes}>${targetProps}<seg>${target}</seg></tuv></tu>\n` +
    '</body>\n</tmx>\n'
  );
}

describe('importTmx: files it refuses', () => {
  it('names file and line of malformed XML', () => {
    const error = thrownBy(() => importTmx('<tmx version="1.4">\n<header srclang="ru"/>\n<body>\n<tu><tuv xml:lang="ru"><seg>x</tuv></tu>\n</body></tmx>', 'broken.tmx', OPTIONS), TilmashError);
    expect(error.kind).toBe('badTm');
    expect(error.file).toBe('broken.tmx');
    expect(error.message).toMatch(/^broken\.tmx:4: not well-formed XML \(.+\)\. Fix the file, or export it again from the tool that made it; nothing was imported\.$/);
  });

  it('refuses a file whose root is not <tmx>', () => {
    const error = thrownBy(() => importTmx('<?xml version="1.0"?>\n\n<xliff version="1.2"><file/></xliff>', 'strings.xlf', OPTIONS), TilmashError);
    expect(error.message).toBe('strings.xlf:3: the root element is <xliff>, not <tmx>: this is not a TMX file. Choose a .tmx file exported from a translation memory; nothing was imported.');
  });

  it('refuses text that is not XML at all, and an empty file', () => {
    expect(thrownBy(() => importTmx('source\ttarget\n', 'memory.tsv', OPTIONS), TilmashError).message).toMatch(/^memory\.tsv:1: not well-formed XML/);
    expect(thrownBy(() => importTmx('', 'empty.tmx', OPTIONS), TilmashError).message).toMatch(/^empty\.tmx:1: not well-formed XML/);
  });

  it('refuses a <tmx> without a body', () => {
    expect(thrownBy(() => importTmx('<tmx version="1.4">\n  <header srclang="ru"/>\n</tmx>', 'a.tmx', OPTIONS), TilmashError).message).toMatch(/^a\.tmx:1: <tmx> has no <body>/);
  });

  it('refuses a memory whose source language is not the project source', () => {
    const tmx = '<tmx version="1.4">\n<header srclang="en-US" creationtool="t"/>\n<body/>\n</tmx>';
    expect(thrownBy(() => importTmx(tmx, 'en.tmx', OPTIONS), TilmashError).message).toMatch(
      /^en\.tmx:2: the header's srclang is "en-US", but the project's source locale is ru, and no unit has a <tuv> in ru\. Export a memory whose source language is ru/,
    );
  });

  it('reads a po2tmx file (header srclang="en" over ru variants) by its <tuv> languages, with a warning', () => {
    const tmx =
      '<tmx version="1.4">\n<header creationtool="Translate Toolkit" srclang="en" adminlang="en" segtype="sentence" o-tmf="UTF-8" datatype="PlainText"/>\n<body>\n' +
      '<tu><tuv xml:lang="ru"><seg>Привет</seg></tuv><tuv xml:lang="kk"><seg>Сәлем</seg></tuv></tu>\n</body></tmx>';
    const imported = importTmx(tmx, 'po2tmx.tmx', OPTIONS);
    expect(imported.entries.get('kk')?.map((e) => [e.source, e.target])).toEqual([['Привет', 'Сәлем']]);
    expect(imported.warnings).toEqual([expect.stringMatching(/^the header's srclang is "en" but 1 unit has a <tuv> in ru: read by the <tuv> languages/)]);
  });

  it('writes placeholders and tags as TMX level 2 inline codes and reads them back as text', () => {
    const entry: TmEntry = { source: 'Все права защищены, {{name}}. <1>Условия</1>', target: 'Барлық құқықтар қорғалған, {{name}}. <1>Шарттар</1>', origin: 'human', status: 'translated', created: NOW, changed: NOW };
    const pieces = (text: string) => {
      const parts = text.split(/(\{\{name\}\}|<1>|<\/1>)/).filter((p) => p !== '');
      return parts.map((p) => (p === '{{name}}' ? { type: 'placeholder' as const, raw: p, kind: 'variable' as const } : p === '<1>' ? { type: 'open' as const, raw: p, pair: 0 } : p === '</1>' ? { type: 'close' as const, raw: p, pair: 0 } : { type: 'text' as const, text: p }));
    };
    const tmx = exportTmx([{ locale: 'kk', entries: [entry] }], { sourceLocale: 'ru', toolVersion: '0.1.0', piecesOf: pieces });
    expect(tmx).toContain('<seg>Все права защищены, <ph x="1" type="x-variable">{{name}}</ph>. <bpt i="1" x="2">&lt;1&gt;</bpt>Условия<ept i="1">&lt;/1&gt;</ept></seg>');
    expect(dtdProblems(tmx)).toBe('');
    const back = importTmx(tmx, 'level2.tmx', OPTIONS);
    expect(back.skipped).toEqual([]);
    expect(back.entries.get('kk')).toEqual([entry]);
    // Another tool's codes keep the old rules: formatting removed, a <ph> skips the unit.
    const other = unit('', 'Раз <bpt i="1">&lt;b&gt;</bpt>два<ept i="1">&lt;/b&gt;</ept>.', 'One <ph x="1">&lt;img/&gt;</ph>.');
    const read = importTmx(other, 'other.tmx', OPTIONS);
    expect(read.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/contains a <ph> placeholder/)]);
  });

  it('refuses an entity it cannot expand, naming the unit line', () => {
    const tmx = unit('', 'Раз &nbsp;два.', 'One.');
    expect(thrownBy(() => importTmx(tmx, 'a.tmx', OPTIONS), TilmashError).message).toMatch(/^a\.tmx:5: in the <tu> starting here, the entity &nbsp; is not supported/);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('<tmx>\n<body>\n'), Buffer.from([0xc3, 0x28]), Buffer.from('</body></tmx>')]);
    expect(thrownBy(() => decodeTmxBytes(bytes, 'latin1.tmx'), TilmashError).message).toMatch(/^latin1\.tmx:3: not UTF-8 text/);
    expect(thrownBy(() => decodeTmxBytes(bytes, 'latin1.tmx'), TilmashError).kind).toBe('badTm');
    expect(thrownBy(() => decodeXmlBytes(bytes, 'latin1.xlf', 'usage'), TilmashError).kind).toBe('usage');
  });
});
