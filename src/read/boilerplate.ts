import { matches } from './block-text.js';
import type { BoilerplateRule } from './read-document.js';

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

/**
 * Sets to `null` every line a rule matches (`scope: 'rest'`: that line and all after it).
 * A rule sees the trimmed line, and any extra variants `variants` gives (e.g. without Markdown).
 * Returns the rules that fired, in firing order.
 */
export function dropBoilerplate(
  lines: SourceLines,
  rules: readonly BoilerplateRule[],
  variants: (trimmed: string) => string[] = () => [],
): Map<string, RuleHit> {
  const hits = new Map<string, RuleHit>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === null || line === undefined) continue;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const candidates = [trimmed, ...variants(trimmed)];
    const rule = rules.find((r) => candidates.some((c) => matches(r.pattern, c)));
    if (!rule) continue;
    const rest = rule.scope === 'rest';
    if (!hits.has(rule.id)) hits.set(rule.id, { line: i + 1, rest });
    if (rest) {
      lines.fill(null, i);
      break;
    }
    lines[i] = null;
  }
  return hits;
}
