import { CaseGroups } from './case-key.js';
import { wordCount } from './char-scan.js';
import { describeFeatures, isContentShape, isHeadlineShape, isTextLike } from './line-features.js';
import type { PlainBlock } from './read-plain-text.js';
import type { ReaderDecision } from './reader-types.js';
import type { BlockKind, SourceBlock } from './source-block.js';

/** What the line rules left behind that the page classifier weighs. */
export interface PageEvidence {
  /** 1-based lines a line rule dropped: they separate a headline from what came before it. */
  droppedLines: ReadonlySet<number>;
  /** 0-based lines where a comment or view counter was (the block ending there is a teaser card). */
  counters: ReadonlySet<number>;
  /** 0-based lines of read-more links: a teaser when the block before sits under a headline. */
  readMore: ReadonlySet<number>;
  /** 0-based lines opening a section of links to other articles. */
  related: ReadonlySet<number>;
  /** 1-based lines dropped as datelines that carry a full date (day, month, year): a feed's next article starts at one. */
  datelines: ReadonlySet<number>;
}

interface Verdict {
  kind: BlockKind;
  drop?: { rule: string; reason: string };
}

/**
 * The page-level pass over a scraped page's blocks, jusText-style: each block is weighed by its
 * features and its neighbours, and every decision is recorded for `--explain`.
 *
 * 1. `repeated`: a block printed again anywhere on the page (a headline, a caption, a pull quote)
 *    is kept once, where it first appears; a short block (three words or more) contained in a
 *    neighbour that is not a paragraph (a caption, a headline), from a word start on, is dropped too
 *    (a credit repeated under its caption, a headline's truncated copy).
 *    A block printed twice in a row (an image's alt text and its caption) is a `caption`.
 * 2. `teaser`: a block followed by a comment/view counter or a read-more link, and the headline
 *    above it, are another article's card: dropped when anything else is left on the page.
 * 3. The body starts at the first block shaped like article text (`isContentShape`). The `title` is
 *    the headline-shaped line nearest before it: of a run of headline lines with no dropped line
 *    between them, the first of four words or more (a
 *    kicker or site name comes first, a subheadline after); a short line naming a web address is
 *    the site's name, never the headline. `before-headline`: what precedes the title is page
 *    chrome, except captions.
 * 4. Between the title and the body, headline lines are `heading`s (subheadlines) and lines of one
 *    or two words without punctuation (`НТВ`) are `source-line`s, dropped. In the body, short lines
 *    shaped like headlines are `heading`s.
 * 5. `next-article`: a headline after a full dateline (day, month, year) that follows the text starts
 *    the feed's next article: it and all after it are dropped.
 *    `related-cards`: after a related-articles header that follows the text, a run of cards
 *    (headline, then at most one paragraph) is dropped.
 * 6. `after-content`: lines after the last paragraph, list item or caption that are not text-like
 *    (`isTextLike`: a sentence inside, or a long line with a comma) are page chrome.
 * When the page has no text of its own (a listing), nothing but repeats is dropped and the title is
 * the first block if it is headline-shaped: when in doubt, keep.
 */
export function classifyPage(blocks: readonly PlainBlock[], evidence: PageEvidence, decisions: ReaderDecision[]): SourceBlock[] {
  const verdicts: Verdict[] = blocks.map((b) => ({ kind: b.kind }));
  const live = (i: number): boolean => verdicts[i]?.drop === undefined;
  const pairs = markRepeats(blocks, verdicts);
  const teasers = findTeasers(blocks, evidence);
  const body = blocks.findIndex((b, i) => live(i) && b.kind === 'paragraph' && !teasers.has(i) && isContentShape(b.text));
  const hasBody = body >= 0;
  const dropTeasers = teasers.size > 0 && blocks.some((_, i) => live(i) && !teasers.has(i));
  const title = hasBody ? findTitle(blocks, verdicts, teasers, evidence, body) : firstBlockTitle(blocks, verdicts, teasers);
  blocks.forEach((block, i) => {
    const verdict = verdicts[i] as Verdict;
    if (verdict.drop) return;
    if (dropTeasers && teasers.has(i)) verdict.drop = { rule: 'teaser', reason: 'another article’s card: a counter or read-more link follows it' };
    else if (i === title) verdict.kind = 'title';
    else if (hasBody && title !== undefined && i < title && block.kind !== 'caption')
      verdict.drop = { rule: 'before-headline', reason: 'page chrome before the headline' };
    else if (pairs.has(i) && block.kind === 'paragraph') verdict.kind = 'caption';
    else if (block.kind === 'paragraph') classifyParagraph(block, verdict, hasBody && i < body && title !== undefined && i > title);
  });
  if (hasBody) dropNextArticle(blocks, verdicts, evidence, body);
  if (hasBody) dropRelatedCards(blocks, verdicts, evidence, body);
  if (hasBody) dropAfterContent(blocks, verdicts);
  return collect(blocks, verdicts, decisions);
}

/** Drops repeats; returns the blocks printed twice in a row (caption evidence). */
function markRepeats(blocks: readonly PlainBlock[], verdicts: Verdict[]): Set<number> {
  const pairs = new Set<number>();
  const groups = new CaseGroups(blocks.map((b) => b.text));
  blocks.forEach((block, i) => {
    const first = groups.firstOf(i);
    if (first < 0) {
      if (i + 1 < blocks.length && groups.same(i, i + 1) && !isContentShape(block.text)) pairs.add(i);
      return;
    }
    (verdicts[i] as Verdict).drop = { rule: 'repeated', reason: `printed again: kept where it first appears, line ${blocks[first]?.line}` };
  });
  blocks.forEach((block, i) => {
    if (verdicts[i]?.drop || block.kind === 'list-item' || wordCount(block.text, 3) < 3 || isContentShape(block.text)) return;
    const near = [i - 1, i + 1].find((j) => verdicts[j] && !verdicts[j]?.drop && !isContentShape(blocks[j]?.text ?? '') && containsWords(blocks[j]?.text ?? '', block.text));
    if (near !== undefined) (verdicts[i] as Verdict).drop = { rule: 'repeated', reason: `contained in the block at line ${blocks[near]?.line}` };
  });
  return pairs;
}

/** `outer` holds `inner` whole, starting at a word (a truncated copy may end inside one). */
function containsWords(outer: string, inner: string): boolean {
  if (outer.length <= inner.length) return false;
  const at = outer.indexOf(inner);
  return at >= 0 && (at === 0 || /[\s«"„“(]/u.test(outer[at - 1] ?? ''));
}

function findTeasers(blocks: readonly PlainBlock[], evidence: PageEvidence): Set<number> {
  const teasers = new Set<number>();
  const underHeadline = (i: number): boolean => {
    const before = blocks[i - 1];
    return before !== undefined && before.kind === 'paragraph' && isHeadlineShape(before.text) && !droppedBetween(before, blocks[i] as PlainBlock, evidence);
  };
  const counters = sortedLines(evidence.counters);
  const readMore = sortedLines(evidence.readMore);
  blocks.forEach((block, i) => {
    const end = (blocks[i + 1]?.line ?? Number.MAX_SAFE_INTEGER) - 1;
    if (anyInRange(counters, block.line - 1, end) || (anyInRange(readMore, block.line - 1, end) && underHeadline(i))) teasers.add(i);
  });
  for (const i of [...teasers]) if (underHeadline(i)) teasers.add(i - 1);
  return teasers;
}

function sortedLines(lines: ReadonlySet<number>): Float64Array {
  return Float64Array.from(lines).sort();
}

/** Whether the sorted `lines` hold a value in `[from, to)`: a binary search, not a scan per block. */
function anyInRange(lines: Float64Array, from: number, to: number): boolean {
  const at = firstIndexAfter(lines.length, (k) => (lines[k] as number) >= from);
  return at < lines.length && (lines[at] as number) < to;
}

/** The first index in `[0, length)` where the monotone `past` holds (false…false true…true), or `length`. */
function firstIndexAfter(length: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A feed prints the next article after this one: a full dateline after the text, then a headline.
 * From that headline on, everything is another article.
 */
function dropNextArticle(blocks: readonly PlainBlock[], verdicts: Verdict[], evidence: PageEvidence, body: number): void {
  const start = blocks.findIndex((b, i) => {
    if (i <= body || verdicts[i]?.drop || !isHeadlineShape(b.text) || b.lineCount !== 1) return false;
    const before = blocks[i - 1] as PlainBlock;
    for (let line = before.line + before.lineCount; line < b.line; line++) if (evidence.datelines.has(line)) return true;
    return false;
  });
  if (start < 0) return;
  for (let i = start; i < blocks.length; i++) if (!verdicts[i]?.drop) (verdicts[i] as Verdict).drop = { rule: 'next-article', reason: 'another article of the feed: a dated headline after the text' };
}

/**
 * After a related-articles header (`Другие новости рубрики`) that follows the body: when what comes
 * after it is cards — a headline, then at most one paragraph, again and again — all of it is dropped.
 */
function dropRelatedCards(blocks: readonly PlainBlock[], verdicts: Verdict[], evidence: PageEvidence, body: number): void {
  // The first block after each header line; the earliest of those after the body.
  let start = Infinity;
  for (const r of evidence.related) {
    const after = firstIndexAfter(blocks.length, (i) => (blocks[i] as PlainBlock).line - 1 > r);
    if (after > body && after < blocks.length) start = Math.min(start, after);
  }
  if (!Number.isFinite(start)) return;
  const rest = blocks.map((b, i) => ({ b, i })).filter(({ i }) => i >= start && !verdicts[i]?.drop);
  const cards = rest.every(({ b }, k) => isHeadlineShape(b.text) || (k > 0 && isHeadlineShape(rest[k - 1]?.b.text ?? '')));
  if (!cards || rest.length === 0 || !isHeadlineShape(rest[0]?.b.text ?? '')) return;
  for (const { i } of rest) (verdicts[i] as Verdict).drop = { rule: 'related-cards', reason: 'a card in the related-articles section after the text' };
}

/** A headline candidate; a short line naming a web address (`UfacityNews.ru новости Уфы`) is the site's name. */
function isCandidate(block: PlainBlock, verdict: Verdict, teasers: ReadonlySet<number>, i: number): boolean {
  if (verdict.drop !== undefined || verdict.kind !== 'paragraph' || block.lineCount !== 1 || teasers.has(i)) return false;
  return isHeadlineShape(block.text) && !/[\p{L}\d-]\.(?:ru|com|kz|org|net|info|рф|su|by|ua|uz|kg)(?:$|[\s/])/iu.test(block.text);
}

function findTitle(
  blocks: readonly PlainBlock[],
  verdicts: Verdict[],
  teasers: ReadonlySet<number>,
  evidence: PageEvidence,
  body: number,
): number | undefined {
  let i = body - 1;
  while (i >= 0 && !isCandidate(blocks[i] as PlainBlock, verdicts[i] as Verdict, teasers, i)) i--;
  if (i < 0) return undefined;
  const run = [i];
  for (let j = i - 1; j >= 0; j--) {
    if (verdicts[j]?.drop) continue;
    if (!isCandidate(blocks[j] as PlainBlock, verdicts[j] as Verdict, teasers, j) || droppedBetween(blocks[j] as PlainBlock, blocks[run[0] as number] as PlainBlock, evidence)) break;
    run.unshift(j);
  }
  return run.find((j) => wordCount(blocks[j]?.text ?? '', 4) >= 4) ?? run[0];
}

function firstBlockTitle(blocks: readonly PlainBlock[], verdicts: Verdict[], teasers: ReadonlySet<number>): number | undefined {
  const first = blocks.findIndex((_, i) => !verdicts[i]?.drop && !teasers.has(i));
  return first >= 0 && isCandidate(blocks[first] as PlainBlock, verdicts[first] as Verdict, teasers, first) ? first : undefined;
}

function droppedBetween(a: PlainBlock, b: PlainBlock, evidence: PageEvidence): boolean {
  for (let line = a.line + a.lineCount; line < b.line; line++) if (evidence.droppedLines.has(line)) return true;
  return false;
}

function classifyParagraph(block: PlainBlock, verdict: Verdict, standfirst: boolean): void {
  if (standfirst && wordCount(block.text, 3) <= 2 && !/[.!?…:;,]/u.test(block.text)) {
    verdict.drop = { rule: 'source-line', reason: 'one or two words between the headline and the text: a source or section name' };
  } else if (block.lineCount === 1 && isHeadlineShape(block.text) && !isTextLike(block.text) && !/:\s+\p{Ll}/u.test(block.text)) {
    // A colon before a lower-case clause is a sentence («… внимательными: водителям …»), not a heading.

    verdict.kind = 'heading';
  }
}

function dropAfterContent(blocks: readonly PlainBlock[], verdicts: Verdict[]): void {
  let last = -1;
  blocks.forEach((block, i) => {
    const verdict = verdicts[i] as Verdict;
    if (verdict.drop) return;
    if (verdict.kind === 'list-item' || verdict.kind === 'caption' || isTextLike(block.text, true)) last = i;
  });
  for (let i = last + 1; i < blocks.length; i++) {
    const verdict = verdicts[i] as Verdict;
    if (!verdict.drop && verdict.kind !== 'title') verdict.drop = { rule: 'after-content', reason: 'a short line after the last paragraph: page chrome' };
  }
}

function collect(blocks: readonly PlainBlock[], verdicts: Verdict[], decisions: ReaderDecision[]): SourceBlock[] {
  const kept: SourceBlock[] = [];
  blocks.forEach((block, i) => {
    const verdict = verdicts[i] as Verdict;
    if (verdict.drop) {
      decisions.push({ line: block.line, action: 'dropped', rule: verdict.drop.rule, reason: `${verdict.drop.reason} (${describeFeatures(block.text)})`, text: block.text });
    } else {
      kept.push({ kind: verdict.kind, text: block.text, line: block.line });
    }
  });
  return kept;
}
