import { verifyPieces } from '../../protect/verify-pieces.js';
import type { QaCheck } from '../qa-types.js';

/**
 * Placeholders and tags of the source appear in the target exactly as often, and tags nest. URLs and
 * e-mails are left to the `urls-emails` check, so a changed one is reported once.
 */
export const placeholdersCheck: QaCheck = {
  id: 'placeholders',
  defaultSeverity: 'error',
  description: 'every placeholder and tag of the source is in the translation as often, and tags nest',
  run: (input) => verifyPieces(input.source, input.target, input.syntax, { ignoreKinds: ['url', 'email'] }),
};
