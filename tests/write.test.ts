import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatI18nextBundle } from '../src/write/i18next-bundle.js';
import { formatIcuBundle } from '../src/write/icu-bundle.js';
import { escapeIcuText, findI18nextSyntax, formatFlatJson, writeFileIfChanged, writeFilesAtomically } from '../src/write/index.js';

const LOCALES = ['en', 'kk', 'zh'] as const;

/** Plain prose that must come back unchanged from both runtimes. */
const TRICKY = [
  "O'Brien said: it's Xi'an",
  '«ёлки» и „палки“',
  '“quoted” and ’tis — ‘single’',
  '{count} items',
  '{{name}} without a value',
  '<b>bold</b> and <br/> and </i>',
  'a < b > c, x<y, 1<2',
  '#1 in the list, # of items',
  "'' two apostrophes, ''' three, ' lone",
  "'{a}' quoted braces, '<b>' quoted tag, '#'",
  "{'x{ and }'' and <'b'>",
  '习近平在西安会见托卡耶夫，双方签署了《联合声明》。（新华社）……——！？',
  'Қасым-Жомарт Тоқаев: әғқңөұүһі ӘҒҚҢӨҰҮҺІ',
  'Emoji 🇰🇿🇨🇳 👍🏽 family 👨‍👩‍👧',
  'multi\nline\ttext \\ backslash "double"',
  '{{ opened on one line,\nclosed }} on the next',
  '}} closed before {{ opened',
  'price: $5 and $t without paren',
  '',
];

/** Texts i18next would rewrite under default options (see src/write/i18next-json.ts). */
const I18NEXT_SYNTAX: ReadonlyArray<readonly [text: string, found: string]> = [
  ['Hello {{name}}!', '{{name}}'],
  ['{{count}} items', '{{count}}'],
  ['raw {{- html}}', '{{- html}}'],
  ['see $t(other) here', '$t(other)'],
  ['first $t(a) then {{b}}', '$t(a)'],
  ['first {{b}} then $t(a)', '{{b}}'],
];

async function i18nextFor(lng: string, json: string) {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    ns: ['article'],
    defaultNS: 'article',
    resources: { [lng]: { article: JSON.parse(json) as Record<string, string> } },
  });
  return instance;
}

function renderIcu(locale: string, messages: Record<string, string>, id: string, values?: Record<string, number>) {
  const errors: unknown[] = [];
  const intl = createIntl({ locale, messages, onError: (e) => errors.push(e) });
  const out = intl.formatMessage({ id }, values);
  expect(errors).toEqual([]);
  return out;
}

describe('flat JSON bundles', () => {
  it('keeps the given key order, even for integer-like keys, byte for byte', () => {
    const out = formatFlatJson([
      ['10', 'ten'],
      ['2', 'two'],
      ['b', 'Б «кавычки»'],
      ['a', 'line\nbreak "q"'],
    ]);
    expect(out).toBe(
      '{\n  "10": "ten",\n  "2": "two",\n  "b": "Б «кавычки»",\n  "a": "line\\nbreak \\"q\\""\n}\n',
    );
    expect(formatFlatJson([])).toBe('{}\n');
  });

  it('writes an ICU bundle with namespaces then keys in the given order', () => {
    const out = formatIcuBundle([
      ['article', [{ path: ['title'], value: 'Заголовок' }, { path: ['10'], value: "O'Brien" }]],
      ['about', [{ path: ['b'], value: escapeIcuText('{x}') }, { path: ['a'], value: 'A' }]],
    ]);
    expect(out).toBe(
      '{\n  "article.title": "Заголовок",\n  "article.10": "O\'Brien",\n  "about.b": "\'{\'x\'}\'",\n  "about.a": "A"\n}\n',
    );
  });

  it('refuses duplicate keys and ICU ids', () => {
    expect(() => formatFlatJson([['a', '1'], ['a', '2']])).toThrow(/duplicate/);
    expect(() => formatIcuBundle([['n', [{ path: ['a'], value: '1' }]], ['n', [{ path: ['a'], value: '2' }]]])).toThrow(/written twice/);
  });
});

describe('i18next values', () => {
  it.each(LOCALES)('renders every plain text literally in %s, with and without count', async (lng) => {
    const plain = TRICKY.filter((text) => findI18nextSyntax(text) === undefined);
    expect(TRICKY.filter((text) => !plain.includes(text))).toEqual(['{{name}} without a value']);
    const t = (await i18nextFor(lng, formatI18nextBundle(plain.map((text, i) => ({ path: [`p-${i}`], value: text }))))).t;
    plain.forEach((text, i) => {
      expect(t(`p-${i}`)).toBe(text);
      expect(t(`p-${i}`, { count: 2 })).toBe(text);
    });
  });

  it.each(I18NEXT_SYNTAX)('finds i18next syntax in %j', async (text, found) => {
    expect(findI18nextSyntax(text)).toBe(found);
    // Why it is refused: i18next really rewrites these (written by hand to show it).
    const t = (await i18nextFor('en', JSON.stringify({ k: text, other: 'X', a: 'A' }))).t;
    const rendered = [t('k'), t('k', { count: 2, name: 'N', html: 'H', b: 'B' })];
    expect(rendered.some((r) => r !== text)).toBe(true);
  });
});

describe('ICU messages', () => {
  it('leaves ordinary apostrophes and typographic quotes alone', () => {
    expect(escapeIcuText("O'Brien, Xi'an")).toBe("O'Brien, Xi'an");
    expect(escapeIcuText('«ёлки» “x” ’tis')).toBe('«ёлки» “x” ’tis');
    expect(escapeIcuText('#1')).toBe('#1');
    expect(escapeIcuText('#1', { insidePlural: true })).toBe("'#'1");
    expect(escapeIcuText('{count}')).toBe("'{'count'}'");
    expect(escapeIcuText('a < b > c')).toBe("a '<' b > c");
    expect(escapeIcuText("''")).toBe("''''");
    expect(escapeIcuText("it's'")).toBe("it's''");
    expect(escapeIcuText("it'>")).toBe("it''>");
  });

  it.each(LOCALES)('parses and renders every escaped text back exactly in %s', (locale) => {
    const entries = TRICKY.map((text, i) => ({ path: [`p-${i}`], value: escapeIcuText(text) }));
    const messages = JSON.parse(formatIcuBundle([['article', entries]])) as Record<string, string>;
    TRICKY.forEach((text, i) => {
      const message = messages[`article.p-${i}`] as string;
      expect(() => parse(message)).not.toThrow();
      if (text !== '') expect(renderIcu(locale, messages, `article.p-${i}`)).toBe(text);
    });
  });

  it.each(LOCALES)('renders escaped text inside a plural branch in %s', (locale) => {
    for (const text of TRICKY.filter((t) => t !== '')) {
      const message = `{n, plural, other {${escapeIcuText(text, { insidePlural: true })}}}`;
      expect(renderIcu(locale, { m: message }, 'm', { n: 2 })).toBe(text);
    }
  });

  it('writes the same bytes as the character-by-character escaper it replaced (bundles stay byte-identical)', () => {
    const reference = (text: string, insidePlural: boolean): string => {
      const quoted = (c: string | undefined) => c === '{' || c === '}' || c === '<' || (insidePlural && c === '#');
      const chars = [...text];
      let out = '';
      for (let i = 0; i < chars.length; ) {
        const c = chars[i] as string;
        if (quoted(c)) {
          out += "'";
          while (i < chars.length && (quoted(chars[i]) || chars[i] === "'")) out += chars[i++] === "'" ? "''" : chars[i - 1];
          out += "'";
        } else if (c === "'") {
          const next = chars[i + 1];
          out += next === undefined || next === "'" || next === '>' || quoted(next) ? "''" : "'";
          i += 1;
        } else {
          out += c;
          i += 1;
        }
      }
      return out;
    };
    const alphabet = [...`'{}<>#/ab ’«б`, '😀'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const insidePlural of [false, true]) expect(escapeIcuText(text, { insidePlural }), text).toBe(reference(text, insidePlural));
    }
  });

  it('round-trips random strings of syntax characters', () => {
    const alphabet = [...`'{}<>#/ab ’«`];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 1500; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(renderIcu('en', { m: escapeIcuText(text) }, 'm'), text).toBe(text);
      const plural = `{n, plural, other {${escapeIcuText(text, { insidePlural: true })}}}`;
      expect(renderIcu('kk', { m: plural }, 'm', { n: 5 }), text).toBe(text);
    }
  });
});

describe('atomic writing', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tilmash-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function tempFiles(root: string): Promise<string[]> {
    const names = await readdir(root, { recursive: true });
    return names.filter((name) => name.split(/[\\/]/).some((part) => part.startsWith('.tilmash-tmp-')));
  }

  it('creates parent directories, writes, and leaves no temp file', async () => {
    const path = join(dir, 'locales', 'kk', 'article.json');
    expect(await writeFileIfChanged(path, '{}\n')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('{}\n');
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('does not touch a file that already has the exact bytes', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, 'қазақ\n');
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(path, old, old);
    expect(await writeFileIfChanged(path, 'қазақ\n')).toBe(false);
    expect((await stat(path)).mtimeMs).toBe(old.getTime());
    expect(await writeFileIfChanged(path, 'қазақ\r\n')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('қазақ\r\n');
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('returns only the changed paths', async () => {
    const same = join(dir, 'same.json');
    await writeFile(same, 'x');
    const files = [
      { path: same, content: 'x' },
      { path: join(dir, 'zh', 'new.json'), content: '新' },
    ];
    expect(await writeFilesAtomically(files)).toEqual([join(dir, 'zh', 'new.json')]);
    expect(await writeFilesAtomically(files)).toEqual([]);
    await expect(writeFilesAtomically([files[0]!, { ...files[0]! }])).rejects.toThrow(/twice/);
  });

  it('leaves every old file intact when one temp write fails', async () => {
    const a = join(dir, 'en', 'article.json');
    const b = join(dir, 'kk', 'article.json');
    await mkdir(join(dir, 'en'));
    await writeFile(a, 'old a');
    await writeFile(join(dir, 'zh'), 'a file where a directory is expected');
    await expect(
      writeFilesAtomically([
        { path: a, content: 'new a' },
        { path: b, content: 'new b' },
        { path: join(dir, 'zh', 'article.json'), content: 'new zh' },
      ]),
    ).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(await readFile(a, 'utf8')).toBe('old a');
    await expect(stat(b)).rejects.toThrow(/ENOENT/);
    expect(await tempFiles(dir)).toEqual([]);
  });
});
