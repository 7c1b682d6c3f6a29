export { chooseMethods } from './choose-methods.js';
export { escapeIcuLeaf } from './escape-icu-leaf.js';
export { joinPieces } from './join-pieces.js';
export { protectSegment } from './protect-segment.js';
export type { Piece, PlaceholderKind, ProtectedSegment, ProtectionMethod, RestoreResult, Syntax } from './protect-types.js';
export { tokenizeSegment, type TokenizeOptions } from './tokenize-segment.js';
export { verifyPieces } from './verify-pieces.js';
