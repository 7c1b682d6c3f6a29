import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { isStructurallySame } from '@formatjs/icu-messageformat-parser/manipulator.js';
import type { QaCheck } from '../qa-types.js';

/**
 * ICU messages only. The target must parse and have the source's arguments and tags with the same
 * types (`isStructurallySame` compares variables, not plural categories: a zh plural with only
 * `other` matches a ru one with `one/few/many/other`). Every plural and select needs `other`.
 */
export const icuStructureCheck: QaCheck = {
  id: 'icu-structure',
  defaultSeverity: 'error',
  description: 'ICU targets parse and keep the arguments, plurals, selects and tags of the source',
  run({ source, target, syntax }) {
    if (syntax !== 'icu') return [];
    const sourceAst = parseOrReason(source);
    const targetAst = parseOrReason(target);
    const messages: string[] = [];
    if (typeof sourceAst === 'string') messages.push(`the source is not a valid ICU message: ${sourceAst}`);
    if (typeof targetAst === 'string') messages.push(`the target is not a valid ICU message: ${targetAst}`);
    if (typeof sourceAst === 'string' || typeof targetAst === 'string') return messages;
    let same: ReturnType<typeof isStructurallySame>;
    try {
      same = isStructurallySame(sourceAst, targetAst);
    } catch (error) {
      // Thrown when one message uses a variable with two conflicting types.
      same = { success: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    if (!same.success) messages.push(`the target's ICU structure differs from the source's: ${same.error?.message ?? 'unknown difference'}`);
    return messages;
  },
};

interface ParseErrorLocation {
  start: { offset: number; line: number; column: number };
  end: { offset: number };
}

/** The AST, or the parser's error with its place (`EXPECT_ARGUMENT_CLOSING_BRACE at 1:7 in "{name"`). */
function parseOrReason(message: string): MessageFormatElement[] | string {
  try {
    return parse(message);
  } catch (error) {
    if (!(error instanceof Error)) return String(error);
    const { location } = error as Error & { location?: ParseErrorLocation };
    if (location === undefined) return error.message;
    const excerpt = message.slice(location.start.offset, Math.max(location.end.offset, location.start.offset + 1));
    return `${error.message} at ${location.start.line}:${location.start.column} in ${JSON.stringify(excerpt)}`;
  }
}
