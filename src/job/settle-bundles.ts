import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { assembleSteps, type BundleSet, type PreviousState } from './assemble-bundles.js';
import type { TmLookup } from './plan-job.js';
import type { PreparedJob } from './prepare-job.js';
import type { UnitReuse } from './unit-reuse.js';
import { runToEnd, type Steps } from './yielding.js';

/** What a run would write from the TM as it is now, and the human TM entries it would record first. */
export interface SettledBundles {
  bundles: BundleSet;
  /** Per locale: a person's bundle edits, cut into segments, as human TM entries (only what changed). */
  humanEntries: Map<string, TmEntry[]>;
}

/**
 * The one place that decides what the bundles hold, used by `run` (after translating), `run
 * --dry-run`/`status`, `check`, `review` and a review save: the bundles are assembled, a person's
 * edits found in them become human TM entries, and the bundles are assembled again with those
 * entries so every key sharing an edited segment follows. Pure: the caller records `humanEntries`
 * in the TM (a run and a save do; the reading commands do not), and the result is the same either way.
 */
export function settleBundles(config: ResolvedConfig, prepared: Pick<PreparedJob, 'documents' | 'qa' | 'lookup'> & { reuse?: UnitReuse }, targets: readonly ResolvedTarget[], previous: ReadonlyMap<string, PreviousState>, stamp: string): SettledBundles {
  return runToEnd(settleSteps(config, prepared, targets, previous, stamp));
}

/** `settleBundles` as steps (see yielding.ts), for `run`, which settles in slices a signal can stop. */
export function* settleSteps(config: ResolvedConfig, prepared: Pick<PreparedJob, 'documents' | 'qa' | 'lookup'> & { reuse?: UnitReuse }, targets: readonly ResolvedTarget[], previous: ReadonlyMap<string, PreviousState>, stamp: string): Steps<SettledBundles> {
  const { documents, qa, lookup } = prepared;
  const first = yield* assembleSteps(config, documents, lookup, targets, qa, previous, prepared.reuse);
  const humanEntries = new Map<string, TmEntry[]>();
  for (const [locale, edits] of first.humanEdits) {
    // Only what the person changed: a plural form or sentence left as it was keeps its origin.
    const fresh = edits.flatMap((edit): TmEntry[] => {
      const known = lookup(locale, edit.source);
      return known?.target === edit.target ? [] : [{ source: edit.source, target: edit.target, origin: 'human', status: 'translated', created: known?.created ?? stamp, changed: stamp }];
    });
    if (fresh.length > 0) humanEntries.set(locale, fresh);
  }
  if (humanEntries.size === 0) return { bundles: first, humanEntries };
  const overlay = new Map([...humanEntries].map(([locale, entries]) => [locale, new Map(entries.map((e) => [e.source, e]))]));
  const withEdits: TmLookup = (locale, source) => overlay.get(locale)?.get(source) ?? lookup(locale, source);
  return { bundles: yield* assembleSteps(config, documents, withEdits, targets, qa, previous, prepared.reuse), humanEntries };
}
