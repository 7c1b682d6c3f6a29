/**
 * The project glossary: loading JSON, CSV and TBX (and every error a user can make), matching
 * terms in inflected Russian and in targets (Kazakh suffixes, English possessive, Chinese), the
 * `glossary` QA check, and the entries sent to DeepL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { glossaryEntriesFor } from '../src/glossary/glossary-entries.js';
import type { Glossary, GlossaryTerm } from '../src/glossary/glossary-types.js';
import { EMPTY_GLOSSARY } from '../src/glossary/glossary-types.js';
import { loadGlossary } from '../src/glossary/load-glossary.js';
import { findTermsInSource, targetHasTerm } from '../src/glossary/match-terms.js';
import { glossaryCheck } from '../src/qa/checks/glossary.js';
import { cleanupProjects, makeProject } from './helpers/project.js';
import { checkInput } from './helpers/qa.js';
import { thrownBy } from './helpers/thrown.js';

afterAll(cleanupProjects);

const TARGETS = ['en', 'kk', 'zh'] as const;

function load(name: string, content: string | Uint8Array): Glossary {
  const dir = makeProject({ [name]: content }, { link: false });
  return loadGlossary(dir, name, TARGETS, 'ru');
}

/** The config error loading `content` as `name` gives. */
function configError(name: string, content: string | Uint8Array): TilmashError {
  return thrownBy(() => load(name, content), TilmashError, 'config');
}

const EXPECTED: GlossaryTerm[] = [
  { source: 'Си Цзиньпин', targets: { en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平' }, doNotTranslate: false, note: 'Председатель КНР' },
  { source: 'Синьхуа', targets: { en: 'Xinhua', zh: '新华社' }, doNotTranslate: false },
  { source: 'C5', targets: {}, doNotTranslate: true },
];

describe('loadGlossary: JSON', () => {
  it('reads terms, notes and do-not-translate terms', () => {
    const glossary = load(
      'glossary.json',
      JSON.stringify({
        terms: [
          { ru: 'Си Цзиньпин', en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平', note: 'Председатель КНР' },
          { ru: ' Синьхуа ', en: 'Xinhua', zh: '新华社', kk: '' },
          { ru: 'C5', doNotTranslate: true, en: 'C5' },
        ],
      }),
    );
    expect(glossary).toEqual({ file: 'glossary.json', terms: EXPECTED });
  });

  it('names the term and its line for an unknown key', () => {
    const error = configError('glossary.json', '{\n  "terms": [\n    { "ru": "Синьхуа", "en": "Xinhua" },\n    { "ru": "Сиань", "kz": "Сиань" }\n  ]\n}\n');
    expect(error.message).toMatch(/^glossary\.json: term 2 \(line 4\): unknown key «kz»/);
    expect(error.message).toContain('ru, en, kk, zh, doNotTranslate, note');
    expect(error.file).toBe('glossary.json');
  });

  it('refuses a term without the source, a duplicate source, and a do-not-translate term with another translation', () => {
    expect(configError('g.json', '{"terms":[{"en":"Xinhua","zh":"新华社"}]}').message).toMatch(/term 1 \(line 1\): the term has no «ru» text \(found en «Xinhua», zh «新华社»\)/);
    expect(configError('g.json', '{"terms":[\n{"ru":"Синьхуа","en":"Xinhua"},\n{"ru":"Синьхуа","en":"Xinhua News"}]}').message).toMatch(/term 2 \(line 3\): the term «Синьхуа» is already defined at term 1 \(line 2\)\. Merge/);
    expect(configError('g.json', '{"terms":[{"ru":"C5","doNotTranslate":true,"en":"Central Asia Five"}]}').message).toMatch(/«C5» is marked do-not-translate but its en text is «Central Asia Five»/);
  });

  it('refuses malformed JSON with its position, a wrong shape and wrong value types', () => {
    expect(configError('g.json', '{"terms": [\n  {"ru": "a",}\n]}').message).toMatch(/^g\.json:2:\d+: the glossary is not valid JSON/);
    expect(configError('g.json', '[{"ru":"a"}]').message).toMatch(/must be an object with a "terms" array/);
    expect(configError('g.json', '{"terms":[{"ru":"C5","doNotTranslate":"yes"}]}').message).toMatch(/"doNotTranslate" must be true or false/);
    expect(configError('g.json', '{"terms":[{"ru":"C5","en":5}]}').message).toMatch(/"en" must be a string/);
  });
});

describe('loadGlossary: CSV', () => {
  it('reads columns in any order, RFC 4180 quoting, CRLF, a BOM and the dnt flag', () => {
    const csv = '\uFEFFnote,zh,ru,dnt,en,kk\r\n"Председатель КНР",习近平,Си Цзиньпин,,Xi Jinping,Си Цзиньпин\r\n,新华社,Синьхуа,no,Xinhua,\r\n\r\n,,C5,yes,,\r\n';
    expect(load('glossary.csv', csv)).toEqual({ file: 'glossary.csv', terms: EXPECTED });
  });

  it('keeps commas, quotes and line breaks inside quoted fields', () => {
    const glossary = load('g.csv', 'ru,en,note\n"Карнеги, центр","Carnegie ""Center""","line one\nline two"\n');
    expect(glossary.terms).toEqual([{ source: 'Карнеги, центр', targets: { en: 'Carnegie "Center"' }, doNotTranslate: false, note: 'line one\nline two' }]);
  });

  it('names the line of every error', () => {
    expect(configError('g.csv', 'ru,en,kz\nСиань,Xi’an,Сиань\n').message).toMatch(/^g\.csv: line 1 \(header\): unknown column «kz»/);
    expect(configError('g.csv', 'ru,en\nСиань,Xi’an\n,Xinhua\n').message).toMatch(/^g\.csv: line 3: the term has no «ru» text/);
    expect(configError('g.csv', 'ru,en\nСиань,Xi’an\nСиань,Xian\n').message).toMatch(/^g\.csv: line 3: the term «Сиань» is already defined at line 2/);
    expect(configError('g.csv', 'ru,en,dnt\nC5,Five,yes\n').message).toMatch(/^g\.csv: line 2: «C5» is marked do-not-translate but its en text is «Five»/);
    expect(configError('g.csv', 'ru,en,dnt\nC5,,maybe\n').message).toMatch(/^g\.csv:2: the dnt field is «maybe»/);
    expect(configError('g.csv', 'ru,en\nСиань,Xi’an,extra\n').message).toMatch(/^g\.csv:2: the row has 3 fields but the header has 2/);
    expect(configError('g.csv', 'ru,en\nСиань,"Xi’an\n').message).toMatch(/^g\.csv:2: a quoted field opened on this line is never closed/);
    expect(configError('g.csv', 'ru,en\nСи"ань,Xi’an\n').message).toMatch(/^g\.csv:2: a quote inside a field/);
    expect(configError('g.csv', 'ru,ru\n').message).toMatch(/the column «ru» appears twice/);
  });

  it('refuses a file that is not UTF-8', () => {
    expect(configError('g.csv', new Uint8Array([0x72, 0x75, 0x0a, 0xcf, 0xf0, 0xe8, 0x0a])).message).toMatch(
      /^g\.csv:2:1: is not valid UTF-8 \(byte 0xCF at offset 3\)\. Re-save the file as UTF-8/,
    );
  });
});

const TBX_V2 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>Tilmash test</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="xi">
        <note>Председатель КНР</note>
        <langSet xml:lang="ru-RU"><tig><term>Си Цзиньпин</term></tig></langSet>
        <langSet xml:lang="en-US">
          <tig><term>Xi Jin-ping</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
          <tig><term>Xi Jinping</term></tig>
        </langSet>
        <langSet xml:lang="kk"><tig><term>Си Цзиньпин</term></tig></langSet>
        <langSet xml:lang="zh-CN"><tig><term>习近平</term></tig></langSet>
        <langSet xml:lang="de"><tig><term>Xi Jinping</term></tig></langSet>
      </termEntry>
      <termEntry id="xinhua">
        <langSet xml:lang="ru"><ntig><termGrp><term>Синьхуа</term></termGrp></ntig></langSet>
        <langSet xml:lang="en"><tig><term>Xinhua</term></tig></langSet>
        <langSet xml:lang="zh"><tig><term>新华社</term></tig></langSet>
      </termEntry>
      <termEntry id="c5">
        <descrip type="doNotTranslate">yes</descrip>
        <langSet xml:lang="ru"><tig><term>C5</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
`;

const TBX_V3 = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>Tilmash test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">Председатель КНР</descrip>
      <langSec xml:lang="ru"><termSec><term>Си Цзиньпин</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Xi Jinping</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="kk"><termSec><term>Си Цзиньпин</term></termSec></langSec>
      <langSec xml:lang="zh"><termSec><term>习近平</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="ru"><termSec><term>Синьхуа</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Xinhua</term></termSec></langSec>
      <langSec xml:lang="zh"><termSec><term>新华社</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c3">
      <langSec xml:lang="ru"><termSec><term>C5</term><termNote type="doNotTranslate">true</termNote></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>C5</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
`;

describe('loadGlossary: TBX', () => {
  it('reads TBX-Basic (martif, termEntry/langSet/tig): regions map to locales, deprecated terms lose, other languages are ignored', () => {
    expect(load('glossary.tbx', TBX_V2)).toEqual({ file: 'glossary.tbx', terms: EXPECTED });
  });

  it('reads TBX v3 core (conceptEntry/langSec/termSec) with the termNote do-not-translate mark', () => {
    expect(load('glossary.tbx', TBX_V3).terms).toEqual(EXPECTED);
  });

  it('names the entry, its line and id in errors', () => {
    const noSource = TBX_V3.replace('<langSec xml:lang="ru"><termSec><term>Синьхуа</term></termSec></langSec>', '');
    expect(configError('g.tbx', noSource).message).toMatch(/^g\.tbx: termEntry 2 \(line 12, id="c2"\): the term has no «ru» text/);
    const duplicate = TBX_V3.replace('<term>Синьхуа</term>', '<term>Си Цзиньпин</term>');
    expect(configError('g.tbx', duplicate).message).toMatch(/termEntry 2 \(line 12, id="c2"\): the term «Си Цзиньпин» is already defined at termEntry 1 \(line 5, id="c1"\)/);
    const dntClash = TBX_V3.replace('<termSec><term>C5</term></termSec>', '<termSec><term>Си-5</term></termSec>');
    expect(configError('g.tbx', dntClash).message).toMatch(/termEntry 3 .*«C5» is marked do-not-translate but its en text is «Си-5»/);
    expect(configError('g.tbx', '<tbx><text><body><conceptEntry></body></text></tbx>').message).toMatch(/^g\.tbx:1:\d+: the glossary is not well-formed XML/);
    expect(configError('g.tbx', '<tbx><text><body/></text></tbx>').message).toMatch(/has no termEntry or conceptEntry element/);
  });
});

describe('loadGlossary: the file', () => {
  it('a missing file and an unsupported extension are config errors naming the fix', () => {
    const dir = makeProject({}, { link: false });
    const missing = thrownBy(() => loadGlossary(dir, 'terms/glossary.json', TARGETS, 'ru'), TilmashError, 'config');
    expect(missing.message).toMatch(/^terms\/glossary\.json: the glossary file does not exist .*pipeline\.config\.ts/);
    expect(configError('glossary.xlsx', 'x').message).toMatch(/must end in \.json, \.csv or \.tbx \(found «\.xlsx»\)/);
  });
});

const glossary: Glossary = {
  file: 'glossary.json',
  terms: [
    { source: 'Касым-Жомарт Токаев', targets: { en: 'Kassym-Jomart Tokayev', kk: 'Қасым-Жомарт Тоқаев', zh: '托卡耶夫' }, doNotTranslate: false },
    { source: 'Токаев', targets: { en: 'Tokayev', kk: 'Тоқаев', zh: '托卡耶夫' }, doNotTranslate: false },
    { source: 'Си Цзиньпин', targets: { en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平' }, doNotTranslate: false },
    { source: 'Синьхуа', targets: { en: 'Xinhua', zh: '新华社' }, doNotTranslate: false },
    { source: 'Москва', targets: { en: 'Moscow', kk: 'Мәскеу' }, doNotTranslate: false },
    { source: 'Мир', targets: { en: 'Mir' }, doNotTranslate: false },
    { source: 'C5', targets: {}, doNotTranslate: true },
  ],
};
const sources = (text: string) => findTermsInSource(glossary, text).map((t) => t.source);

describe('findTermsInSource', () => {
  it('finds inflected Russian forms of long words and exact short words', () => {
    expect(sources('Токаева встретили в Астане.')).toEqual(['Токаев']);
    expect(sources('Встреча с Токаевым.')).toEqual(['Токаев']);
    expect(sources('Визит Си Цзиньпина в Москву.')).toEqual(['Си Цзиньпин', 'Москва']);
    expect(sources('Под Москвой.')).toEqual(['Москва']);
    expect(sources('По данным Синьхуа, формат C5 работает.')).toEqual(['Синьхуа', 'C5']);
  });

  it('needs word boundaries (Unicode, not \\b) and limits endings to three letters', () => {
    expect(sources('Токаевский район.')).toEqual([]);
    expect(sources('ПроТокаев')).toEqual([]);
    expect(sources('C50 и C5x')).toEqual([]);
    expect(sources('Сиси Цзиньпин')).toEqual([]);
    expect(sources('Газета Мира.')).toEqual([]); // words under 4 letters match exactly
  });

  it('is case-sensitive for the first letter only', () => {
    expect(sources('мир и труд')).toEqual([]);
    expect(sources('Газета Мир.')).toEqual(['Мир']);
    expect(sources('ТОКАЕВ сказал')).toEqual(['Токаев']);
    expect(sources('токаев сказал')).toEqual([]);
  });

  it('a term inside a longer term’s match does not count on its own', () => {
    expect(sources('Касым-Жомарт Токаев прибыл.')).toEqual(['Касым-Жомарт Токаев']);
    expect(sources('Касым-Жомарта Токаева встретили; Токаев улыбнулся.')).toEqual(['Касым-Жомарт Токаев', 'Токаев']);
  });

  it('treats е and ё alike and any whitespace run as a space', () => {
    const yo: Glossary = { file: '', terms: [{ source: 'Пётр', targets: { en: 'Peter' }, doNotTranslate: false }] };
    expect(findTermsInSource(yo, 'Письмо Петру.').map((t) => t.source)).toEqual(['Пётр']);
    expect(sources('Си\u00A0Цзиньпин')).toEqual(['Си Цзиньпин']);
    expect(findTermsInSource(EMPTY_GLOSSARY, 'Токаев')).toEqual([]);
  });
});

describe('targetHasTerm', () => {
  it('Kazakh: the required form with suffixes', () => {
    expect(targetHasTerm('Тоқаевтың сапары', 'Тоқаев', 'kk')).toBe(true);
    expect(targetHasTerm('Си Цзиньпинмен кездесті', 'Си Цзиньпин', 'kk')).toBe(true);
    expect(targetHasTerm('C5-тің отырысы', 'C5', 'kk')).toBe(true);
    expect(targetHasTerm('Токаевтың сапары', 'Тоқаев', 'kk')).toBe(false);
    expect(targetHasTerm('АТоқаев', 'Тоқаев', 'kk')).toBe(false);
  });

  it('English: possessive and word boundaries; a lowercase form may start a sentence', () => {
    expect(targetHasTerm("Xi Jinping's visit", 'Xi Jinping', 'en')).toBe(true);
    expect(targetHasTerm('Xi Jinping’s visit', 'Xi Jinping', 'en')).toBe(true);
    expect(targetHasTerm('Xi  Jinping arrived', 'Xi Jinping', 'en')).toBe(true);
    expect(targetHasTerm('Chairman Xi arrived', 'Xi Jinping', 'en')).toBe(false);
    expect(targetHasTerm('the C50 summit', 'C5', 'en')).toBe(false);
    expect(targetHasTerm('Yuan rose', 'yuan', 'en')).toBe(true);
    expect(targetHasTerm('xinhua said', 'Xinhua', 'en')).toBe(false);
  });

  it('Chinese: a substring, no word boundaries', () => {
    expect(targetHasTerm('新华社报道，习近平抵达西安。', '习近平', 'zh')).toBe(true);
    expect(targetHasTerm('新华社报道。', '习近平', 'zh')).toBe(false);
    expect(targetHasTerm('据C5峰会', 'C5', 'zh')).toBe(true);
  });
});

describe('glossaryCheck', () => {
  const input = (source: string, target: string, locale: string, g: Glossary = glossary) => checkInput(source, target, locale, 'plain', g);

  it('is the `glossary` check, an error by default', () => {
    expect(glossaryCheck.id).toBe('glossary');
    expect(glossaryCheck.defaultSeverity).toBe('error');
  });

  it('passes when every found term has its required form, per locale', () => {
    const source = 'По данным Синьхуа, Си Цзиньпин встретился с Токаевым в формате C5.';
    expect(glossaryCheck.run(input(source, "According to Xinhua, Xi Jinping met Tokayev in the C5 format.", 'en'))).toEqual([]);
    expect(glossaryCheck.run(input(source, 'Синьхуа мәліметінше, Си Цзиньпин C5 форматында Тоқаевпен кездесті.', 'kk'))).toEqual([]);
    expect(glossaryCheck.run(input(source, '据新华社报道，习近平在C5框架下会见了托卡耶夫。', 'zh'))).toEqual([]);
  });

  it('reports each missing term with the required form and the locale', () => {
    const source = 'По данным Синьхуа, Си Цзиньпин встретился с Токаевым в формате C5.';
    expect(glossaryCheck.run(input(source, '据新华通讯社报道，习主席会见了托卡耶夫。', 'zh'))).toEqual([
      '«Синьхуа» must be translated as «新华社» (zh)',
      '«Си Цзиньпин» must be translated as «习近平» (zh)',
      '«C5» must be kept untranslated (zh)',
    ]);
    expect(glossaryCheck.run(input(source, 'Синьхуа мәліметінше, Си Цзиньпин Си-5 форматында Токаевпен кездесті.', 'kk'))).toEqual([
      '«Токаев» must be translated as «Тоқаев» (kk)',
      '«C5» must be kept untranslated (kk)',
    ]);
    expect(glossaryCheck.run(input('Визит в Москву.', 'A visit to the capital.', 'en'))).toEqual(['«Москва» must be translated as «Moscow» (en)']);
  });

  it('skips terms without a form for the locale, pseudo-locales and an empty glossary', () => {
    // Синьхуа has no kk form: not checked in kk.
    expect(glossaryCheck.run(input('По данным Синьхуа.', 'Агенттік мәліметінше.', 'kk'))).toEqual([]);
    expect(glossaryCheck.run(input('Токаев прибыл.', '[Ŧøķåëṽ ƥřîƀÿľ]', 'en-XA'))).toEqual([]);
    expect(glossaryCheck.run(input('Токаев прибыл.', 'He arrived.', 'en', EMPTY_GLOSSARY))).toEqual([]);
  });
});

describe('glossaryEntriesFor', () => {
  it('source → required target pairs of the locale, do-not-translate terms to themselves, sorted', () => {
    expect(glossaryEntriesFor(glossary, 'zh')).toEqual([
      ['C5', 'C5'],
      ['Касым-Жомарт Токаев', '托卡耶夫'],
      ['Си Цзиньпин', '习近平'],
      ['Синьхуа', '新华社'],
      ['Токаев', '托卡耶夫'],
    ]);
    expect(glossaryEntriesFor(glossary, 'kk').map(([s]) => s)).toEqual(['C5', 'Касым-Жомарт Токаев', 'Москва', 'Си Цзиньпин', 'Токаев']);
    expect(glossaryEntriesFor(glossary, 'zh-Hans')).toEqual(glossaryEntriesFor(glossary, 'zh'));
    expect(glossaryEntriesFor(EMPTY_GLOSSARY, 'en')).toEqual([]);
  });
});
