import { matches } from './block-text.js';
import type { BoilerplateRule, ReaderDecision } from './reader-types.js';

/**
 * Source lines by index (line number − 1). `null` marks a line that is not text (dropped
 * boilerplate, Markdown code, comments…): it ends the block before it, like a blank line.
 */
export type SourceLines = Array<string | null>;

/** Where a rule first dropped something, for the "no translatable text" message. */
export interface RuleHit {
  line: number;
  rest: boolean;
}

export interface BoilerplateResult {
  /** The rules that fired, in firing order, where each first fired. */
  hits: Map<string, RuleHit>;
  /** Every line dropped or stripped, with its rule. */
  decisions: ReaderDecision[];
  /** 0-based indexes of lines where a counter rule fired: the block ending there, or before, is a teaser. */
  counters: Set<number>;
  /** Likewise for read-more links: a teaser only when it is a card (a headline above it). */
  readMore: Set<number>;
  /** 0-based indexes of lines that open a section of links to other articles. */
  related: Set<number>;
}

/**
 * Applies the line rules to every line: `line` and `counter` rules set the line to `null` (a
 * counter glued to the end of a sentence is cut off instead), `rest` rules drop it and all after it,
 * `strip` rules remove the matched part and let the other rules see what is left.
 * A rule sees the trimmed line, and any extra variants `variants` gives (e.g. without Markdown);
 * lines `structural` names (Markdown's setext underlines, thematic breaks, tables) are markup, never seen.
 */
export function dropBoilerplate(
  lines: SourceLines,
  rules: readonly BoilerplateRule[],
  variants: (trimmed: string) => string[] = () => [],
  structural: (index: number) => boolean = () => false,
): BoilerplateResult {
  const result: BoilerplateResult = { hits: new Map(), decisions: [], counters: new Set(), readMore: new Set(), related: new Set() };
  const strips = rules.filter((r) => r.scope === 'strip');
  const drops = rules.filter((r) => r.scope !== 'strip');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === null || line === undefined || line.trim() === '' || structural(i)) continue;
    const stripped = applyStrips(line, strips, i, result);
    if (stripped.trim() === '') {
      lines[i] = null;
      continue;
    }
    lines[i] = stripped;
    const trimmed = stripped.trim();
    const candidates = [trimmed, ...variants(trimmed)];
    const rule = drops.find((r) => candidates.some((c) => matches(r.pattern, c)));
    if (!rule) continue;
    const rest = rule.scope === 'rest';
    if (!result.hits.has(rule.id)) result.hits.set(rule.id, { line: i + 1, rest });
    if (rule.scope === 'related') result.related.add(i);
    if (rule.scope === 'counter' || rule.scope === 'read-more') {
      (rule.scope === 'counter' ? result.counters : result.readMore).add(i);
      const kept = cutCounter(trimmed, rule);
      if (kept !== undefined) {
        lines[i] = kept;
        result.decisions.push(decision(i, 'stripped', rule, trimmed.slice(kept.length).trim()));
        continue;
      }
    }
    result.decisions.push(decision(i, 'dropped', rule, trimmed));
    if (rest) {
      for (let j = i + 1; j < lines.length; j++) {
        const after = lines[j];
        if (after !== null && after !== undefined && after.trim() !== '') result.decisions.push(decision(j, 'dropped', rule, after.trim(), 'after the footer line'));
      }
      lines.fill(null, i);
      break;
    }
    lines[i] = null;
  }
  return result;
}

function applyStrips(line: string, strips: readonly BoilerplateRule[], i: number, result: BoilerplateResult): string {
  let text = line;
  for (const rule of strips) {
    if (typeof rule.pattern === 'function') continue;
    rule.pattern.lastIndex = 0;
    const next = text.replace(rule.pattern, '');
    rule.pattern.lastIndex = 0;
    if (next === text) continue;
    if (!result.hits.has(rule.id)) result.hits.set(rule.id, { line: i + 1, rest: false });
    result.decisions.push(decision(i, 'stripped', rule, removedPart(text, next)));
    text = next;
  }
  return text;
}

/** The sentence before a counter glued to it (`…эскалации.8 комментариев`), or undefined for a whole-line counter. */
function cutCounter(trimmed: string, rule: BoilerplateRule): string | undefined {
  if (typeof rule.pattern === 'function') return undefined;
  rule.pattern.lastIndex = 0;
  const m = rule.pattern.exec(trimmed);
  rule.pattern.lastIndex = 0;
  if (!m || m.index === 0) return undefined;
  const kept = trimmed.slice(0, m.index).trimEnd();
  return /\p{L}/u.test(kept) ? kept : undefined;
}

function removedPart(before: string, after: string): string {
  let start = 0;
  while (start < after.length && before[start] === after[start]) start++;
  return before.slice(start, before.length - (after.length - start)).trim();
}

function decision(i: number, action: ReaderDecision['action'], rule: BoilerplateRule, text: string, why?: string): ReaderDecision {
  return { line: i + 1, action, rule: rule.id, reason: why ?? rule.reason ?? 'matches the rule', text };
}
