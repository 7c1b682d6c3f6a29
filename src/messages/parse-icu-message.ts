/**
 * ICU MessageFormat parsing as @formatjs/intl does it (tags on, `other` required), keeping the
 * source's escape spellings so printed leaves read as they were written.
 */
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { hoistSelectors } from '@formatjs/icu-messageformat-parser/manipulator.js';

export type { MessageFormatElement };

export function parseIcuMessage(message: string): MessageFormatElement[] {
  return parse(message, { captureEscapes: true });
}

/** Hoisted messages by text: a message is planned once per target locale and run. */
const hoistedByText = new Map<string, readonly MessageFormatElement[]>();
const HOISTED_CACHE_SIZE = 5000;

/**
 * The message with every plural/select hoisted to the top, so branches are whole sentences.
 * `parsed` is `parseIcuMessage(message)` when the caller has it (hoisting copies, it is not
 * changed). Results are shared between callers: never mutate them.
 */
export function parseHoistedIcuMessage(message: string, parsed?: MessageFormatElement[]): readonly MessageFormatElement[] {
  let hoisted = hoistedByText.get(message);
  if (hoisted === undefined) {
    hoisted = hoistSelectors(parsed ?? parseIcuMessage(message));
    if (hoistedByText.size >= HOISTED_CACHE_SIZE) hoistedByText.delete(hoistedByText.keys().next().value as string);
    hoistedByText.set(message, hoisted);
  }
  return hoisted;
}

/** What the parser's SyntaxError says: its kind (e.g. MISSING_OTHER_CLAUSE) and 0-based offset. */
export function icuSyntaxErrorDetails(error: unknown): { kind: string; offset: number | undefined } {
  const kind = error instanceof Error ? error.message : String(error);
  const location = (error as { location?: { start?: { offset?: number } } } | null)?.location;
  return { kind, offset: location?.start?.offset };
}
