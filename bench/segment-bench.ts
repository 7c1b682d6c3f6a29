/**
 * Segmentation benchmark: `segmentSentences` (candidate scanner + the ordered Russian rules) against
 * `Intl.Segmenter('ru', { granularity: 'sentence' })` alone iterating the same text, in chars/s.
 *
 * The text (~10^6 characters) is built deterministically from the paragraphs of
 * `source/article.ru.txt` (numbers varied) mixed with extra sentences full of abbreviations,
 * initials and numbered headings. Two modes: the whole text in one call, and one call per
 * paragraph (how the pipeline calls it).
 *
 * Modes:
 * - per paragraph (how the pipeline calls it): `segmentSentences(paragraph)` for each paragraph vs
 *   Intl iterating each paragraph;
 * - whole text: `segmentSentences(text)` in one call on the ~10^6 characters vs Intl iterating the
 *   same text line by line. Intl always breaks at a line break, so the pieces are the same; one
 *   Intl iteration over the whole string is not a usable baseline because it is superlinear in V8
 *   (about 0.4 s for 10^5 characters, 7.5 s for 4·10^5, about a minute for 10^6).
 *   `segmentSentences` goes line by line too (a line break always ends a sentence).
 * The last table shows that superlinear growth: Intl alone on one string of 25k, 50k, 100k chars.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentSentences } from '../src/segment/index.js';
import { median, pick, prng, time } from './measure.js';

export interface SegmentModeResult {
  mode: string;
  calls: number;
  tilmashCharsPerSec: number;
  intlCharsPerSec: number;
  sentences: number;
  intlPieces: number;
}

export interface SegmentResult {
  chars: number;
  utf8Bytes: number;
  paragraphs: number;
  modes: SegmentModeResult[];
  /** Intl alone iterating one string of each length: chars/s (median of 3). */
  intlOneString: { chars: number; charsPerSec: number }[];
}

const EXTRA = [
  'В 1990-х гг. объем торговли вырос в 3 раза, т. е. до 12,5 млрд долл. США.',
  'Проф. И. И. Петров из МГУ им. М. В. Ломоносова выступил с докладом.',
  'См. табл. 2 и рис. 4 на с. 17 отчета.',
  'Соглашение подписали в г. Астана, на ул. Достык, д. 5, в 10 ч. утра.',
  'Расходы составили 250 млн руб., или около 3 млн долл.',
  'Проект поддержали Казахстан, Узбекистан, Кыргызстан и др. Решение вступит в силу в 2026 г.',
  'По данным ООН, в XXI в. население региона выросло на 20 млн чел.',
  'Компания выпустила 1,2 тыс. т продукции и т. п. Это рекорд.',
  'Председатель правления А. Б. Сейткали напомнил об этом в интервью.',
  '1. Общие положения',
  'Гл. 3 посвящена истории вопроса, напр. событиям 1917–1921 гг. в Туркестане.',
  'Т. Умаров считает, что Москва остается важным партнером. Но Пекин наращивает присутствие!',
  'Ответ зависит от многих факторов: цены на нефть, курса тенге и пр. Что будет дальше?',
  'Кроме того, в соглашении упомянуты ж.-д. перевозки, а также т. н. «зеленый коридор».',
];

/** About `targetChars` characters of Russian paragraphs separated by blank lines. */
export function buildRussianText(root: string, targetChars = 1_000_000): { text: string; paragraphs: string[] } {
  const article = readFileSync(join(root, 'source', 'article.ru.txt'), 'utf8');
  const articleParagraphs = article
    .split('\n')
    .map((line) => line.trim().replace(/^•\s*/, ''))
    .filter((line) => line.length >= 40);
  const random = prng(0x5e9);
  const vary = (text: string): string => text.replace(/\d+/g, (digits) => String(Math.floor(random() * 10 ** Math.min(digits.length, 4))));
  const paragraphs: string[] = [];
  let chars = 0;
  while (chars < targetChars) {
    const parts: string[] = [];
    const pieces = 1 + Math.floor(random() * 4);
    for (let i = 0; i < pieces; i++) parts.push(vary(random() < 0.6 ? pick(random, articleParagraphs) : pick(random, EXTRA)));
    const paragraph = parts.join(' ');
    paragraphs.push(paragraph);
    chars += paragraph.length + 2;
  }
  return { text: paragraphs.join('\n\n'), paragraphs };
}

const intl = new Intl.Segmenter('ru', { granularity: 'sentence' });

function intlPieces(texts: readonly string[]): number {
  let pieces = 0;
  let chars = 0;
  for (const text of texts) {
    for (const { segment } of intl.segment(text)) {
      pieces++;
      chars += segment.length;
    }
  }
  if (chars < 0) throw new Error('unreachable');
  return pieces;
}

function tilmashSentences(texts: readonly string[]): number {
  let sentences = 0;
  for (const text of texts) sentences += segmentSentences(text).length;
  return sentences;
}

function measureMode(
  mode: string,
  texts: readonly string[],
  intlTexts: readonly string[],
  chars: number,
  rounds: number,
): SegmentModeResult {
  // Warm-up both (JIT, ICU data, compiled rules).
  let sentences = tilmashSentences(texts);
  let pieces = intlPieces(intlTexts);
  const tilmash: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['intl', 'tilmash'] : ['tilmash', 'intl'];
    for (const which of order) {
      if (which === 'intl') {
        const { ms, value } = time(() => intlPieces(intlTexts));
        pieces = value;
        bare.push(chars / (ms / 1000));
      } else {
        const { ms, value } = time(() => tilmashSentences(texts));
        sentences = value;
        tilmash.push(chars / (ms / 1000));
      }
    }
  }
  return { mode, calls: texts.length, tilmashCharsPerSec: median(tilmash), intlCharsPerSec: median(bare), sentences, intlPieces: pieces };
}

export function runSegmentBench(root: string, rounds = 5): SegmentResult {
  const { text, paragraphs } = buildRussianText(root);
  const paragraphChars = paragraphs.reduce((sum, p) => sum + p.length, 0);
  const lines = text.split(/(?<=\n)/); // keeps each '\n' with its line, as Intl would
  const prefix = (chars: number): string => text.slice(0, text.lastIndexOf('\n\n', chars));
  const intlOneString = [25_000, 50_000, 100_000].map((size) => {
    const sample = prefix(size);
    intlPieces([sample]);
    const rates = [0, 1, 2].map(() => sample.length / (time(() => intlPieces([sample])).ms / 1000));
    return { chars: sample.length, charsPerSec: median(rates) };
  });
  return {
    chars: text.length,
    utf8Bytes: Buffer.byteLength(text, 'utf8'),
    paragraphs: paragraphs.length,
    modes: [
      measureMode('per paragraph', paragraphs, paragraphs, paragraphChars, rounds),
      measureMode('whole text, 1 call', [text], lines, text.length, rounds),
    ],
    intlOneString,
  };
}
