/**
 * ICU plan. Selectors are hoisted (formatjs `hoistSelectors`) so each plural/select branch is a
 * whole sentence; the translatable leaves are the selector-free runs of the hoisted message,
 * printed as ICU (`#` stays `#` in plural branches). The target message is the skeleton —
 * selectors with the target's plural categories, exact `=n` branches, `offset:` — printed around
 * the translated leaves verbatim: a leaf such as `# файлов` only means the count inside its
 * plural, so leaves are never re-parsed on their own.
 */
import { TYPE, type MessageFormatElement, type PluralElement, type SelectElement } from '@formatjs/icu-messageformat-parser';
import { doPrintAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { icuHasWords } from './has-words.js';
import type { LocalizedMessagePlan, SourceMessage } from './message-types.js';
import { parseHoistedIcuMessage } from './parse-icu-message.js';
import { mapPluralForms } from './plural-mapping.js';
import { SegmentList, type SegmentSlot } from './segment-list.js';

type Part =
  | { kind: 'text'; lead: string; slot: SegmentSlot; trail: string }
  | { kind: 'selector'; head: string; branches: Array<{ key: string; parts: Part[] }> };

export function planIcuMessage(message: SourceMessage, sourceLocale: string, targetLocale: string): LocalizedMessagePlan {
  const segments = new SegmentList(message.description);
  const hoisted = parseHoistedIcuMessage(message.text);
  const hasSelector = hoisted.some((element) => element.type === TYPE.plural || element.type === TYPE.select);
  // Without a selector the message itself is the segment, spelled as written.
  const parts: Part[] = hasSelector
    ? new SkeletonBuilder(segments, sourceLocale, targetLocale).parts(hoisted, false)
    : [{ kind: 'text', lead: '', slot: segments.add(message.text, icuHasWords(hoisted)), trail: '' }];
  return {
    segments: segments.segments,
    build(translations) {
      const resolve = segments.resolver(translations);
      return [{ path: [...message.path], value: printParts(parts, resolve) }];
    },
  };
}

/** Which plural branch a segment is, for translators (`plural: one`). */
type PluralForm = { type: 'plural' | 'ordinal'; category: string };

class SkeletonBuilder {
  constructor(
    private readonly segments: SegmentList,
    private readonly sourceLocale: string,
    private readonly targetLocale: string,
  ) {}

  /** Selector-free runs become leaves. After hoisting a run sits beside a selector only where an
   * `offset:` plural's `#` could not be moved into it. */
  parts(elements: readonly MessageFormatElement[], inPlural: boolean, form?: PluralForm): Part[] {
    const parts: Part[] = [];
    let run: MessageFormatElement[] = [];
    const flush = (): void => {
      if (run.length > 0) parts.push(this.leaf(run, inPlural, form));
      run = [];
    };
    for (const element of elements) {
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        flush();
        parts.push(element.type === TYPE.plural ? this.plural(element) : this.select(element));
      } else run.push(element);
    }
    flush();
    return parts;
  }

  private leaf(run: MessageFormatElement[], inPlural: boolean, form?: PluralForm): Part {
    const printed = doPrintAST(run, inPlural, false);
    const hasWords = icuHasWords(run);
    if (!hasWords) return { kind: 'text', lead: '', slot: { verbatim: printed }, trail: '' };
    // Edge whitespace stays in the skeleton (engines drop it); it is never inside an ICU quote.
    const lead = /^\s*/.exec(printed)?.[0] ?? '';
    const trail = /\s*$/.exec(printed)?.[0] ?? '';
    const core = printed.slice(lead.length, printed.length - trail.length);
    return { kind: 'text', lead, slot: this.segments.add(core, true, form), trail };
  }

  private select(element: SelectElement): Part {
    return {
      kind: 'selector',
      head: `${element.value}, select,`,
      branches: Object.entries(element.options).map(([key, option]) => ({ key, parts: this.parts(option.value, false) })),
    };
  }

  private plural(element: PluralElement): Part {
    const ordinal = element.pluralType === 'ordinal';
    const keys = Object.keys(element.options);
    const branch = (key: string): PluralElement['options'][string] => element.options[key] ?? element.options['other']!;
    const exact = keys.filter((key) => key.startsWith('='));
    const choices = mapPluralForms(
      this.sourceLocale,
      this.targetLocale,
      ordinal ? 'ordinal' : 'cardinal',
      new Set(keys.filter((key) => !key.startsWith('='))),
    );
    return {
      kind: 'selector',
      head: `${element.value}, ${ordinal ? 'selectordinal' : 'plural'},${element.offset ? ` offset:${element.offset}` : ''}`,
      branches: [
        ...exact.map((key) => ({ key, parts: this.parts(branch(key).value, true, { type: ordinal ? 'ordinal' : 'plural', category: key }) })),
        ...choices.map(({ target, source }) => ({ key: target, parts: this.parts(branch(source).value, true, { type: ordinal ? 'ordinal' : 'plural', category: target }) })),
      ],
    };
  }
}

function printParts(parts: readonly Part[], resolve: (slot: SegmentSlot) => string): string {
  return parts
    .map((part) =>
      part.kind === 'text'
        ? part.lead + resolve(part.slot) + part.trail
        : `{${part.head} ${part.branches.map(({ key, parts: inner }) => `${key} {${printParts(inner, resolve)}}`).join(' ')}}`,
    )
    .join('');
}
