/** The XLIFF state of a trans-unit: the target's `state` (aliases folded), else Trados's segment confirmation. */
import { XLIFF_STATES, type XliffState } from './xliff-types.js';
import type { XliffElement } from './xliff-tree.js';

const SDL_NAMESPACE = 'http://sdl.com/FileTypes/SdlXliff/1.0';

const STATE_ALIASES: Record<string, XliffState> = {
  'needs-adaptation': 'needs-translation',
  'needs-l10n': 'needs-translation',
  'needs-review-adaptation': 'needs-review-translation',
  'needs-review-l10n': 'needs-review-translation',
};
/** Trados `sdl:seg conf` values. */
const SDL_STATES: Record<string, XliffState> = {
  Draft: 'needs-translation',
  Translated: 'translated',
  RejectedTranslation: 'needs-review-translation',
  ApprovedTranslation: 'signed-off',
  RejectedSignOff: 'needs-review-translation',
  ApprovedSignOff: 'final',
};

/** The `state` of `<target>`, an alias read as its XLIFF 1.2 state; undefined when absent or unknown. */
export function targetState(target: XliffElement | undefined): XliffState | undefined {
  const state = target?.attributes.get('state');
  if (state === undefined) return undefined;
  return (XLIFF_STATES as readonly string[]).includes(state) ? (state as XliffState) : STATE_ALIASES[state];
}

/** The least advanced state of the unit's Trados segments (`<sdl:seg-defs><sdl:seg conf="…"/>`). */
export function sdlState(unit: XliffElement): XliffState | undefined {
  const states = unit.children
    .filter((c): c is XliffElement => c.kind === 'element' && c.namespace === SDL_NAMESPACE && c.local === 'seg-defs')
    .flatMap((defs) => defs.children.filter((c): c is XliffElement => c.kind === 'element' && c.local === 'seg'))
    .map((seg) => SDL_STATES[seg.attributes.get('conf') ?? ''] ?? 'new');
  if (states.length === 0) return undefined;
  return states.reduce((least, state) => (XLIFF_STATES.indexOf(state) < XLIFF_STATES.indexOf(least) ? state : least));
}
