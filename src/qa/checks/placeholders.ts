import { verifyPieces } from '../../protect/verify-pieces.js';
import type { QaCheck } from '../qa-types.js';

/** Placeholders, tags, URLs and e-mails of the source appear in the target exactly as often, and tags nest. */
export const placeholdersCheck: QaCheck = {
  id: 'placeholders',
  defaultSeverity: 'error',
  description: 'every placeholder, tag, URL and e-mail of the source is in the translation as often, and tags nest',
  run: (input) => verifyPieces(input.source, input.target, input.syntax),
};
