import { styleText } from 'node:util';
import type { KeyChange, Versions } from './diff-key-change.js';
import { diffMergeOrder } from './diff-merge-order.js';

export interface FormatDiffOptions {
  /** Colours through node:util styleText (the caller decided the stream is a terminal that wants them). */
  color: boolean;
  /** The base named in the "no changes" line (`HEAD`, `origin/main`). */
  base?: string;
}

const SIGIL = { added: '+', changed: '~', removed: '-' } as const;
type Colour = 'red' | 'green' | 'yellow' | 'cyan' | 'bold' | 'dim';

/**
 * The terminal view of `tilmash diff`: one block per key (`~ ui.app.greeting`) with the source
 * and one line per locale (change, origin and status, old → new), then its `-`/`+` values and the
 * new entry's QA findings; a summary line at the end.
 */
export function formatDiffText(changes: readonly KeyChange[], options: FormatDiffOptions): string {
  if (changes.length === 0) return `No bundle changes${options.base === undefined ? '' : ` against ${options.base}`}.\n`;
  const paint = (style: Colour, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const width = Math.max('source'.length, ...changes.map((c) => c.locale.length)) + 2;
  const label = (text: string) => `    ${text.padEnd(width)}`;
  const valueIndent = ' '.repeat(6);

  const groups = new Map<string, KeyChange[]>();
  const orderPerLocale = new Map<string, string[]>();
  for (const change of changes) {
    const id = `${change.namespace}\u0000${change.key}`;
    appendTo(groups, id, change);
    appendTo(orderPerLocale, change.locale, id);
  }

  const lines: string[] = [];
  for (const id of diffMergeOrder([...orderPerLocale.values()])) {
    const group = groups.get(id) as KeyChange[];
    const first = group[0] as KeyChange;
    const kind = group.every((c) => c.change === first.change) ? first.change : 'changed';
    lines.push(paint('bold', paint(colorOf(kind), `${SIGIL[kind]} ${first.namespace === '' ? '' : `${first.namespace}.`}${first.key}`)));
    const source = group.find((c) => c.source.new !== undefined)?.source.new;
    const was = group.find((c) => c.source.old !== undefined)?.source.old;
    if (source !== undefined) lines.push(paint('dim', indentBody(label('source'), source)));
    if (was !== undefined && was !== source) lines.push(paint('dim', indentBody(label(source === undefined ? 'source' : 'was'), was)));
    for (const change of group) {
      const provenance = describeProvenance(change) + (change.derivedFrom ? ` (derived from ${change.derivedFrom})` : '');
      lines.push(`${label(change.locale)}${paint(colorOf(change.change), change.change.padEnd(10))}${paint('cyan', provenance)}`.trimEnd());
      const { old: before, new: after } = change.target;
      if (before !== undefined && before === after) lines.push(indentBody(`${valueIndent}= `, after));
      else {
        if (before !== undefined) lines.push(paint('red', indentBody(`${valueIndent}- `, before)));
        if (after !== undefined) lines.push(paint('green', indentBody(`${valueIndent}+ `, after)));
      }
      for (const finding of change.findings) {
        const color = finding.severity === 'error' ? 'red' : finding.severity === 'warn' ? 'yellow' : 'dim';
        lines.push(paint(color, indentBody(`${valueIndent}! `, `${finding.severity} ${finding.check}: ${finding.message}`)));
      }
    }
  }
  lines.push('', summarize(changes));
  return `${lines.join('\n')}\n`;
}

/** `engine:deepl machine → human translated`; one side when only one is known or nothing moved. */
function describeProvenance(change: KeyChange): string {
  const side = (pick: keyof Versions<string>) => [change.origin[pick], change.status[pick]].filter((part) => part !== undefined).join(' ');
  const before = side('old');
  const after = side('new');
  if (before === '' || after === '' || before === after) return after || before;
  return `${before} → ${after}`;
}

/** `3 keys changed in en, kk; 1 added; 0 removed`: distinct keys per kind, and every locale touched. */
function summarize(changes: readonly KeyChange[]): string {
  const count = (kind: KeyChange['change']) => new Set(changes.filter((c) => c.change === kind).map((c) => `${c.namespace}\u0000${c.key}`)).size;
  const changed = count('changed');
  const locales = [...new Set(changes.map((c) => c.locale))];
  return `${changed} ${changed === 1 ? 'key' : 'keys'} changed in ${locales.join(', ')}; ${count('added')} added; ${count('removed')} removed`;
}

/** The first line after `prefix`, later lines of a multi-line value aligned under it. */
function indentBody(prefix: string, text: string): string {
  const pad = ' '.repeat(prefix.length);
  return `${prefix}${text.split('\n').join(`\n${pad}`)}`;
}

function colorOf(kind: KeyChange['change']): 'green' | 'yellow' | 'red' {
  return kind === 'added' ? 'green' : kind === 'removed' ? 'red' : 'yellow';
}

function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}
