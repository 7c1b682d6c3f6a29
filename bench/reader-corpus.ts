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
