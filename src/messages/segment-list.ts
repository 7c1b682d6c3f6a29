/**
 * The distinct TM segments of one message plan. The same source text used by several target
 * forms (ru `many` for both en `other` and `_zero`-less zh `other`) is one segment; a text with no
 * words in it (`{{count}}`, `#`, whitespace) is never sent and is copied as it is.
 */
import type { LocalizedMessagePlan } from './message-types.js';

export type SegmentSlot = { segment: number } | { verbatim: string };

export class SegmentList {
  readonly segments: LocalizedMessagePlan['segments'] = [];
  private readonly byText = new Map<string, number>();

  constructor(private readonly context: string | undefined) {}

  /** `form`: the plural form the text is for (`{ type: 'plural', category: 'one' }`), labelled `plural: one, other`. */
  add(text: string, hasWords: boolean, form?: { type: 'plural' | 'ordinal'; category: string }): SegmentSlot {
    if (!hasWords) return { verbatim: text };
    let index = this.byText.get(text);
    if (index === undefined) {
      index = this.segments.length;
      this.byText.set(text, index);
      this.segments.push(this.context === undefined ? { text } : { text, context: this.context });
    }
    if (form !== undefined) {
      const segment = this.segments[index]!;
      segment.label = segment.label === undefined ? `${form.type}: ${form.category}` : `${segment.label}, ${form.category}`;
    }
    return { segment: index };
  }

  /** The translations checked against the segments: one per segment, same order. */
  resolver(translations: readonly string[]): (slot: SegmentSlot) => string {
    if (translations.length !== this.segments.length) {
      throw new Error(`a message plan got ${translations.length} translations for ${this.segments.length} segments`);
    }
    return (slot) => ('verbatim' in slot ? slot.verbatim : (translations[slot.segment] as string));
  }
}
