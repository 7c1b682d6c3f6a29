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

/** The message with every plural/select hoisted to the top, so branches are whole sentences. */
export function parseHoistedIcuMessage(message: string): MessageFormatElement[] {
  return hoistSelectors(parseIcuMessage(message));
}

/** What the parser's SyntaxError says: its kind (e.g. MISSING_OTHER_CLAUSE) and 0-based offset. */
export function icuSyntaxErrorDetails(error: unknown): { kind: string; offset: number | undefined } {
  const kind = error instanceof Error ? error.message : String(error);
  const location = (error as { location?: { start?: { offset?: number } } } | null)?.location;
  return { kind, offset: location?.start?.offset };
}
