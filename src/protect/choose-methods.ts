import type { Piece, ProtectionMethod } from './protect-types.js';

/**
 * The protection methods for a segment, in the order to try them: the caller sends with the first
 * and, when its restore reports problems, retries once with the second.
 */
export function chooseMethods(pieces: readonly Piece[], engineHasTagHandling: boolean): ProtectionMethod[] {
  if (pieces.every((p) => p.type === 'text')) return ['none'];
  return engineHasTagHandling ? ['xml', 'sentinel'] : ['sentinel', 'split'];
}
