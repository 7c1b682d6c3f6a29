/**
 * What an imported XLIFF unit means for the TM: the state model of `tilmash xliff import`, written
 * for what real tools produce (translate-toolkit, OmegaT, Okapi, Trados, memoQ), not only for what
 * the XLIFF specification hopes for. Pure; the import job applies it. In order:
 *
 * 1. no target (absent, empty, only whitespace) → skipped `no-target`;
 * 2. `state="signed-off"`/`"final"` → `reviewed`;
 * 3. `approved="yes"` → `reviewed` only when the file says it came from a review step (a header
 *    `<phase process-name="review">`, proofreading, approval, sign-off) or `--approved-as reviewed`;
 *    otherwise `translated` (translate-toolkit sets it on every unit it fills);
 * 4. a target equal to the source → skipped `same-as-source` unless the state is `translated`
 *    (a copy of the source, as `--target-mode source` exports and OmegaT leaves untranslated units);
 * 5. `state="translated"` → `translated`;
 * 6. no `state` → `--state-default` (default `translated`; `skip` skips it as `no-state`);
 * 7. `new` or `needs-translation` with a target → `translated`, with an info note (OmegaT and
 *    others fill the target and leave the state as they found it);
 * 8. `needs-review-translation`: a target that differs from the draft the TM holds → `translated`
 *    with an info note (the person edited the draft); the draft unchanged → skipped.
 */
import type { XliffState } from './xliff-types.js';

export const STATE_DEFAULTS = ['translated', 'reviewed', 'skip'] as const;
export type StateDefault = (typeof STATE_DEFAULTS)[number];
export const APPROVED_AS = ['translated', 'reviewed'] as const;
export type ApprovedAs = (typeof APPROVED_AS)[number];

export interface StateModelOptions {
  /** What a unit with a target and no `state` becomes (default `translated`). */
  stateDefault: StateDefault;
  /** What `approved="yes"` means in a file that does not say it came from review (default `translated`). */
  approvedAs: ApprovedAs;
}

export const DEFAULT_STATE_MODEL: StateModelOptions = { stateDefault: 'translated', approvedAs: 'translated' };

export type SkipReason = 'no-target' | 'same-as-source' | 'no-state' | 'needs-review-translation';

/** Why a unit was skipped and what the translator does about it. */
export const SKIP_HINTS: Readonly<Record<SkipReason, string>> = {
  'no-target': 'the unit has no translation: translate it in the CAT tool and import the file again',
  'same-as-source': 'the target is a copy of the source (not translated yet): translate it, or set state="translated" if the text is meant to stay as it is',
  'no-state': 'the unit has a target but no state and --state-default skip was given: drop the flag (targets without state count as translated) or set the states in the CAT tool',
  'needs-review-translation': 'the draft is unchanged and still marked needs-review-translation: correct or confirm it and mark it translated (or signed-off)',
};

export interface UnitStateInput {
  state: XliffState | undefined;
  approved: boolean;
  /** The file's header names a review step. */
  fromReview: boolean;
  /** The target as text (joined pieces, NFC). */
  target: string;
  /** The project's source segment. */
  source: string;
  /** The target the TM holds for the source now, if any (the draft the export offered). */
  tmTarget: string | undefined;
}

export type UnitDecision = { status: 'translated' | 'reviewed'; info?: string } | { skip: SkipReason };

/** The TM status a unit gets, or why it is skipped (see the module comment for the rules). */
export function decideUnitState(unit: UnitStateInput, options: StateModelOptions = DEFAULT_STATE_MODEL): UnitDecision {
  const { state } = unit;
  if (unit.target.trim() === '') return { skip: 'no-target' };
  if (state === 'signed-off' || state === 'final') return { status: 'reviewed' };
  if (unit.approved) {
    if (unit.fromReview || options.approvedAs === 'reviewed') return { status: 'reviewed' };
    return { status: 'translated', info: 'approved="yes" without a review step in the file: recorded as translated (use --approved-as reviewed if the file comes from review)' };
  }
  if (unit.target.trim() === unit.source.trim() && state !== 'translated') return { skip: 'same-as-source' };
  if (state === 'translated') return { status: 'translated' };
  if (state === undefined) {
    if (options.stateDefault === 'skip') return { skip: 'no-state' };
    return { status: options.stateDefault };
  }
  if (state === 'new' || state === 'needs-translation') {
    return { status: 'translated', info: `the target is filled but its state is still "${state}": recorded as translated` };
  }
  if (unit.tmTarget !== undefined && unit.target === unit.tmTarget) return { skip: 'needs-review-translation' };
  return { status: 'translated', info: 'the draft was edited but its state is still "needs-review-translation": recorded as translated' };
}
