import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { loadArticle } from '../src/job/load-article.js';
import { assignKeys, formatKeyMap, keyMapFormatsAs } from '../src/keys/index.js';
import { slugWords } from '../src/keys/transliterate.js';
import { tokenizeMarkdown } from '../src/protect/tokenize-markdown.js';
import { decodeText } from '../src/read/index.js';

/*
 * Large and hostile inputs grow the work linearly (issue 12). Not a timing test: each case compares
 * the best of four runs at n and at 4n (after a warm-up), and a linear reader takes ~4× while the quadratic or
 * exponential shapes these inputs used to hit take 16× or far more; the bound (10×) leaves room
 * for a loaded machine.
 */
const config = resolveConfig({ targets: { en: {} } }, '/nonexistent/tilmash-large-input/pipeline.config.ts');
const SENTENCE = 'Председатель объявил о поддержке региона в сумме 26 млрд долларов.';

function runMs(text: string, format: 'txt' | 'md'): number {
  const started = performance.now();
  loadArticle('/nonexistent/tilmash-large-input', `a.ru.${format}`, decodeText(Buffer.from(text), 'a.ru.txt'), format, config);
  return performance.now() - started;
}

/** large ÷ small: one untimed warm-up each, then the best of four alternating runs of each. */
function growth(small: string, large: string, format: 'txt' | 'md' = 'txt'): number {
  runMs(small, format);
  runMs(large, format);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let round = 0; round < 4; round++) {
    bestSmall = Math.min(bestSmall, runMs(small, format));
    bestLarge = Math.min(bestLarge, runMs(large, format));
  }
  return bestLarge / Math.max(bestSmall, 1);
}

const SHAPES: Array<[string, (n: number) => string, number]> = [
  ['an article of paragraphs', (n) => Array.from({ length: n }, (_, i) => `${SENTENCE} Абзац ${i} продолжает его. Третье предложение здесь!`).join('\n\n'), 600],
  ['teaser cards with comment counters', (n) => Array.from({ length: n }, (_, i) => `Заголовок новости номер ${i}\nТекст тизера ${i} о событии.\n${i} комментариев`).join('\n'), 800],
  ['paragraphs with the same first words (key suffixes)', (n) => Array.from({ length: n }, (_, i) => `Одни и те же слова ${i}.`).join('\n\n'), 1500],
  ['related-article headers after the text', (n) => `${SENTENCE.repeat(20)}\n${Array.from({ length: n }, (_, i) => `Другие новости\nЗаголовок ${i}`).join('\n')}`, 800],
  ['a run of spaces inside a line', (n) => `Слово${' '.repeat(n * 10)}конец. ${SENTENCE}`, 1000],
  ['one line without a break', (n) => SENTENCE.repeat(n), 500],
];

describe('large inputs take linear time', () => {
  for (const [name, make, n] of SHAPES) {
    it(`${name}: 4× the input takes < 10× the time`, () => {
      expect(growth(make(n), make(4 * n))).toBeLessThan(10);
    });
  }

  it('Markdown: a line of unclosed emphasis markers (`*a *a *a …`, `_a _a …`)', () => {
    for (const unit of ['*a ', '_a ', '**a ', '~~a ']) {
      expect(growth(`${unit.repeat(2000)}\n\n${SENTENCE}`, `${unit.repeat(8000)}\n\n${SENTENCE}`, 'md'), unit).toBeLessThan(10);
    }
  });

  it('Markdown: a line of unclosed link, image and code-span openers (`[`, `![`, `[a](`, backticks)', () => {
    for (const unit of ['[', '![', '[a](', '[a](b', '`']) {
      expect(growth(`Слово ${unit.repeat(2000)} конец.\n\n${SENTENCE}`, `Слово ${unit.repeat(8000)} конец.\n\n${SENTENCE}`, 'md'), unit).toBeLessThan(10);
    }
  });

  it('Markdown protection: a line of many tags, links, URLs or unclosed comments is linear', () => {
    const tokenMs = (text: string): number => {
      const started = performance.now();
      tokenizeMarkdown(text, ['Tilmash']);
      return performance.now() - started;
    };
    for (const unit of ['<b>a</b> ', 'http://x.y ', '[a](b) ', '**a** ', '<!--', '`a` Tilmash ']) {
      const small = unit.repeat(2000);
      const large = unit.repeat(8000);
      tokenMs(small);
      tokenMs(large);
      let bestSmall = Infinity;
      let bestLarge = Infinity;
      for (let round = 0; round < 4; round++) {
        bestSmall = Math.min(bestSmall, tokenMs(small));
        bestLarge = Math.min(bestLarge, tokenMs(large));
      }
      expect(bestLarge / Math.max(bestSmall, 1), unit).toBeLessThan(10);
    }
  });

  it('a widget line of long capitalised words does not backtrack exponentially', () => {
    const line = (length: number): string => `Популярное ${`А${'а'.repeat(length)} `.repeat(7)}x\n\n${SENTENCE}`;
    expect(growth(line(8), line(32))).toBeLessThan(10);
  });
});

describe('the shortcuts give what the whole-text forms give', () => {
  it('slugWords reads a window, with the words of the whole text', () => {
    const whole = (text: string, max: number): string[] => {
      const words = text.normalize('NFC').toLowerCase().replace(/[^a-z0-9а-яё]+/gu, ' ').trim();
      return words === '' ? [] : slugWords(words, max);
    };
    for (const text of [`${'а'.repeat(300)} Бб вв`, `${'слово '.repeat(100)}конец`, `${' '.repeat(400)}Ёлка и\u0306 дом`, `${'x'.repeat(255)} ${'y'.repeat(300)}`]) {
      expect(slugWords(text, 3)).toEqual(whole(text, 3));
      expect(slugWords(text)).toEqual(whole(text, Infinity));
    }
  });

  it('keys of many blocks with one stem count up as before: p-…, p-…-2, p-…-3', () => {
    const blocks = Array.from({ length: 5 }, () => ({ kind: 'paragraph' as const, text: 'Одни и те же слова.', line: 1 }));
    expect(assignKeys(blocks, undefined).keys).toEqual(['p-odni-i-te', 'p-odni-i-te-2', 'p-odni-i-te-3', 'p-odni-i-te-4', 'p-odni-i-te-5']);
    const titles = [{ kind: 'title' as const, text: '—', line: 1 }, { kind: 'title' as const, text: '—', line: 2 }, { kind: 'paragraph' as const, text: '***', line: 3 }, { kind: 'paragraph' as const, text: '***', line: 4 }];
    expect(assignKeys(titles, undefined).keys).toEqual(['title', 'title-2', 'p-1', 'p-2']);
  });

  it('keyMapFormatsAs is formatKeyMap compared, without building it', () => {
    const { map } = assignKeys([{ kind: 'title', text: 'Заголовок "в кавычках"', line: 1 }, { kind: 'paragraph', text: 'Текст\\с обратной чертой.', line: 3 }], undefined);
    const text = formatKeyMap(map);
    expect(keyMapFormatsAs(map, text)).toBe(true);
    expect(keyMapFormatsAs(map, `${text}\n`)).toBe(false);
    expect(keyMapFormatsAs(map, text.slice(0, -1))).toBe(false);
    expect(keyMapFormatsAs(map, text.replace('Текст', 'Тёкст'))).toBe(false);
    expect(keyMapFormatsAs({ ...map, blocks: [] }, formatKeyMap({ ...map, blocks: [] }))).toBe(true);
  });
});
