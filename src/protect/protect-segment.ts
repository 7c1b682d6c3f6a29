import { joinPieces } from './join-pieces.js';
import { numberMarkers } from './marker-table.js';
import { protectBySplit } from './protect-by-split.js';
import type { Piece, ProtectedSegment, ProtectionMethod, RestoreResult, Syntax } from './protect-types.js';
import { restoreFromMarkers } from './restore-from-markers.js';
import { parseSentinelAnswer, toSentinelWire } from './sentinel-markers.js';
import { tokenizeSegment, type TokenizeOptions } from './tokenize-segment.js';
import { verifyPieces } from './verify-pieces.js';
import { parseXmlAnswer, toXmlWire } from './xml-markers.js';

/**
 * A segment made ready for an engine with `method` (see `ProtectionMethod`); its `restore` turns the
 * engine's answers back into a target in `syntax` and lists what the engine broke.
 *
 * `none` sends the visible text: for `icu` that is the unescaped text (`Don''t` is sent as `Don't`)
 * and the answer is escaped again. Should `none` be asked for a segment that has protected pieces,
 * the source is sent as it is and the answer is checked with `verifyPieces`.
 */
export function protectSegment(text: string, syntax: Syntax, method: ProtectionMethod, options: TokenizeOptions): ProtectedSegment {
  const pieces = tokenizeSegment(text, syntax, options);
  switch (method) {
    case 'none':
      return protectNothing(text, pieces, syntax);
    case 'split':
      return protectBySplit(pieces, syntax);
    case 'xml':
    case 'sentinel': {
      const table = numberMarkers(pieces);
      const [wire, parse] = method === 'xml' ? [toXmlWire(pieces, table), parseXmlAnswer] : [toSentinelWire(pieces, table), parseSentinelAnswer];
      return {
        method,
        wire: [wire],
        format: method === 'xml' ? 'xml' : 'text',
        restore: (translated) => oneAnswer(translated, (answer) => restoreFromMarkers(parse(answer), table, syntax)),
      };
    }
  }
}

function protectNothing(text: string, pieces: readonly Piece[], syntax: Syntax): ProtectedSegment {
  const plain = pieces.every((p) => p.type === 'text');
  const visible = pieces.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return {
    method: 'none',
    wire: [plain ? visible : text],
    format: 'text',
    restore: (translated) =>
      oneAnswer(translated, (answer) =>
        plain
          ? { text: joinPieces([{ type: 'text', text: answer }], syntax), problems: [] }
          : { text: answer, problems: verifyPieces(text, answer, syntax) },
      ),
  };
}

/** Methods that send one text expect one answer. */
function oneAnswer(translated: readonly string[], restore: (answer: string) => RestoreResult): RestoreResult {
  const result = restore(translated[0] ?? '');
  if (translated.length === 1) return result;
  return { text: result.text, problems: [`expected 1 translation, got ${translated.length}`, ...result.problems] };
}
