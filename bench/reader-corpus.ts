import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The reader over the real-page corpus (tests/fixtures/pages): per page, the blocks it keeps that a
 * publication would not translate (chrome kept), the expected blocks it loses or changes (content
 * lost) and whether it finds the headline. Blocks are compared by kind and text.
 */
export interface PageScore {
  name: string;
  chromeKept: number;
  contentLost: number;
  expectedBlocks: number;
  keptBlocks: number;
  headlineFound: boolean;
}

export interface CorpusScore {
  pages: PageScore[];
  chromeKept: number;
  contentLost: number;
  expectedBlocks: number;
  /** Blocks the reader dropped that the expectation also drops: chrome dropped. */
  chromeBlocks: number;
  headlinesFound: number;
}

type Block = { kind: string; text: string };

export interface PageFixture {
  name: string;
  text: string;
  expected: Block[];
}

/** The pages of `dir` (tests/fixtures/pages): `<name>.page.txt` as scraped, `<name>.expected.txt` one `kind|text` line per block. */
export function loadPages(dir: string): PageFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.page.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.page.txt'.length);
      const expected = readFileSync(path.join(dir, `${name}.expected.txt`), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => ({ kind: l.slice(0, l.indexOf('|')), text: l.slice(l.indexOf('|') + 1) }));
      return { name, text: readFileSync(path.join(dir, f), 'utf8'), expected };
    });
}

/**
 * Scores a reader over the corpus. Chrome lines: the page's non-empty lines whose text is in no
 * expected block (the denominator of "chrome kept").
 */
export function scoreCorpus(pages: readonly PageFixture[], read: (text: string, name: string) => Block[]): CorpusScore & { chromeLines: number } {
  const scores = pages.map((p) => {
    let got: Block[];
    try {
      got = read(p.text, p.name);
    } catch {
      got = [];
    }
    const lines = p.text.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).filter((l) => l !== '');
    const chromeLines = lines.filter((l) => !p.expected.some((e) => e.text.includes(l) || l.includes(e.text))).length;
    return scorePage(p.name, got, p.expected, chromeLines);
  });
  const sum = (f: (s: (typeof scores)[number]) => number) => scores.reduce((a, s) => a + f(s), 0);
  return {
    pages: scores,
    chromeKept: sum((s) => s.chromeKept),
    contentLost: sum((s) => s.contentLost),
    expectedBlocks: sum((s) => s.expectedBlocks),
    chromeBlocks: sum((s) => s.chromeLines),
    chromeLines: sum((s) => s.chromeLines),
    headlinesFound: scores.filter((s) => s.headlineFound).length,
  };
}

export function scorePage(name: string, got: readonly Block[], expected: readonly Block[], chromeLines: number): PageScore & { chromeLines: number } {
  const key = (b: Block) => `${b.kind}|${b.text}`;
  const want = new Set(expected.map(key));
  const have = new Set(got.map(key));
  const title = (bs: readonly Block[]) => bs.find((b) => b.kind === 'title')?.text;
  return {
    name,
    chromeKept: got.filter((b) => !want.has(key(b)) && !expected.some((e) => e.text === b.text)).length,
    contentLost: expected.filter((e) => !have.has(key(e))).length,
    expectedBlocks: expected.length,
    keptBlocks: got.length,
    headlineFound: title(got) === title(expected),
    chromeLines,
  };
}
