import type { QaCheck } from '../qa-types.js';

/** Leading and trailing whitespace is layout (a segment joined to the next): it must survive MT. */
export const whitespaceCheck: QaCheck = {
  id: 'whitespace',
  defaultSeverity: 'warn',
  description: 'leading and trailing whitespace of the target match the source',
  run({ source, target }) {
    if (target.trim() === '') return [];
    const messages: string[] = [];
    for (const [side, pattern] of [
      ['leading', /^\s*/],
      ['trailing', /\s*$/],
    ] as const) {
      const expected = pattern.exec(source)?.[0] ?? '';
      const found = pattern.exec(target)?.[0] ?? '';
      if (expected !== found) messages.push(`${side} whitespace differs: the source has ${show(expected)}, the target ${show(found)}`);
    }
    return messages;
  },
};

const show = (space: string): string => (space === '' ? 'none' : JSON.stringify(space));
