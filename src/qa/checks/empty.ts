import type { QaCheck } from '../qa-types.js';

export const emptyCheck: QaCheck = {
  id: 'empty',
  defaultSeverity: 'error',
  description: 'the target is not empty or whitespace-only when the source has text',
  run({ source, target }) {
    return source.trim() !== '' && target.trim() === '' ? ['the target is empty but the source is not'] : [];
  },
};
