import { TilmashError } from '../../errors.js';
import { withProjectLock } from '../../lock/project-lock.js';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { PreviousState } from '../../job/assemble-bundles.js';
import { planUnit } from '../../job/plan-unit.js';
import { prepareJob, type PreparedJob } from '../../job/prepare-job.js';
import { settleBundles } from '../../job/settle-bundles.js';
import { writeOutputs } from '../../job/write-outputs.js';
import type { Finding } from '../../qa/qa-types.js';
import type { TmEntry, TmFinding } from '../../tm/tm-entry.js';
import { projectVersion } from './project-version.js';
import { findUnit, reviewQa, segmentTexts, type UnitRef } from './review-qa.js';

/** What a reviewer does to one key of one locale. */
export interface ReviewSaveRequest extends UnitRef {
  /**
   * `save`: the texts as `translated`; `approve`: the texts as `reviewed`; `reject`: the TM's
   * entries back to `needs-review` with the comment; `comment`: a note on the entries, status kept.
   */
  action: 'save' | 'approve' | 'reject' | 'comment';
  /** `save`/`approve`: one text per segment of the key. */
  targets?: unknown;
  comment?: string;
  /** `projectVersion` when the page loaded its data. */
  version: string;
}

export type ReviewSaveResult =
  | { ok: true; version: string; writtenFiles: string[] }
  | { ok: false; reason: 'conflict' | 'qa' | 'invalid'; message: string; findings?: Finding[][] };

/** How long a save waits for another command's project lock before it is refused. */
const SAVE_LOCK_WAIT_MS = 5000;

/** Saves run one at a time in this process. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The one way a review reaches the disk. The reviewer's texts become TM entries (a changed text:
 * origin `human`; an approved unchanged text keeps its origin and becomes `reviewed`), recorded
 * durably (journal + fsync), then the bundles and ledgers are rebuilt with the run's own stages
 * (`settleBundles` → `writeOutputs`: the same atomic writes and rules), so `check` is green for an
 * approved key. Refused, with nothing written: when the TM or ledgers changed on disk since the page
 * loaded (`version`), or when a saved text has an error-level QA finding (it would be held back).
 */
export function saveReview(config: ResolvedConfig, request: ReviewSaveRequest, now: () => Date = () => new Date()): Promise<ReviewSaveResult> {
  // Under the project lock (taken before the version check, released after the writes), so a
  // `run` or an import never writes at the same time; one that holds it for long refuses the save.
  const next = queue.then(() =>
    withProjectLock(config.rootDir, 'review save', { waitMs: SAVE_LOCK_WAIT_MS }, () => saveLocked(config, request, now().toISOString())).catch((error: unknown) => {
      if (!(error instanceof TilmashError) || error.kind !== 'locked') throw error;
      return { ok: false as const, reason: 'conflict' as const, message: `${error.message} Nothing was saved: try again when it has finished.` };
    }),
  );
  queue = next.catch(() => undefined);
  return next;
}

async function saveLocked(config: ResolvedConfig, request: ReviewSaveRequest, stamp: string): Promise<ReviewSaveResult> {
  if (projectVersion(config) !== request.version) {
    return { ok: false, reason: 'conflict', message: 'The TM or the bundles changed on disk since this page loaded (a run or an import?). Nothing was saved: reload the page to see the current state, then redo the edit.' };
  }
  const prepared = await prepareJob(config, config.targets);
  try {
    return await saveWith(config, request, stamp, prepared);
  } finally {
    await prepared.tm.close(); // the shared TM: its pool, after the entries are committed
  }
}

/** The reviewer's entries recorded through `TmStore.record` (the shared TM: committed in PostgreSQL), then the outputs. */
async function saveWith(config: ResolvedConfig, request: ReviewSaveRequest, stamp: string, prepared: PreparedJob): Promise<ReviewSaveResult> {
  const { unit, target } = findUnit(prepared.documents, config.targets, request);
  const plan = planUnit(unit, target, config.sourceLocale);
  const known = plan.segments.map((s) => prepared.lookup(target.locale, s.text));
  const comment = request.comment?.trim() ?? '';

  let entries: TmEntry[];
  if (request.action === 'save' || request.action === 'approve') {
    const texts = segmentTexts(request.targets, plan.segments.length, `review save of ${request.namespace}.${request.key} (${request.locale})`);
    const qa = reviewQa(prepared.qa, unit, target, config.sourceLocale, texts);
    if ([...qa.segments.flat(), ...qa.message].some((f) => f.severity === 'error')) {
      return { ok: false, reason: 'qa', message: 'QA found an error in the text: fix it before saving (a key with an error is held back from the bundles).', findings: qa.segments };
    }
    const status = request.action === 'approve' ? 'reviewed' : 'translated';
    entries = plan.segments.map((segment, i) => {
      const before = known[i];
      const text = texts[i] as string;
      const origin = before && before.target === text ? before.origin : 'human';
      const findings: TmFinding[] = [...(qa.segments[i] ?? []).map(({ check, severity, message }) => ({ check, severity, message })), ...commentsOf(before), ...(comment ? [reviewNote('comment', comment)] : [])];
      return { source: segment.text, target: text, origin, status, created: before?.created ?? stamp, changed: stamp, ...(findings.length ? { findings } : {}) };
    });
  } else {
    if (comment === '') return { ok: false, reason: 'invalid', message: `${request.action === 'reject' ? 'A rejection' : 'A comment'} needs a comment: say what is wrong.` };
    if (known.some((e) => e === undefined)) return { ok: false, reason: 'invalid', message: 'This key has no translation in the TM yet: write one and save it instead.' };
    entries = (known as TmEntry[]).map((before) => ({
      ...before,
      ...(request.action === 'reject' ? { status: 'needs-review' as const } : {}),
      changed: stamp,
      findings: [...(before.findings ?? []), reviewNote(request.action === 'reject' ? 'rejected' : 'comment', comment)],
    }));
  }
  await prepared.tm.record(target.locale, entries);
  return { ok: true, ...(await writeReviewed(config, prepared, request, stamp)) };
}

/** Bundles, ledgers and TM written as a run would, with the reviewed key following the TM. */
async function writeReviewed(config: ResolvedConfig, prepared: PreparedJob, ref: UnitRef, stamp: string): Promise<{ version: string; writtenFiles: string[] }> {
  const previous = withoutKept(prepared.previous, ref);
  const { bundles, humanEntries } = settleBundles(config, prepared, config.targets, previous, stamp);
  for (const [locale, fresh] of humanEntries) await prepared.tm.record(locale, fresh);
  const { writtenFiles } = await writeOutputs(config, prepared.tm, prepared.documents, bundles);
  return { version: projectVersion(config), writtenFiles };
}

/**
 * The previous state with the reviewed key's record and bundle values dropped: a value a person
 * edited in the bundle earlier is kept by `run` over the TM, but here the reviewer's TM entry is the
 * newer word, so the key is rebuilt from the TM.
 */
function withoutKept(previous: ReadonlyMap<string, PreviousState>, ref: UnitRef): Map<string, PreviousState> {
  const out = new Map(previous);
  const state = previous.get(ref.locale);
  if (!state) return out;
  const entry = state.ledger?.namespaces[ref.namespace]?.keys[ref.key];
  const bundleKeys = entry?.entries ?? [ref.key];
  const onDisk = new Map(state.bundles.get(ref.namespace) ?? []);
  for (const key of bundleKeys) onDisk.delete(key);
  const bundles = new Map(state.bundles).set(ref.namespace, onDisk);
  if (!state.ledger || !entry) return out.set(ref.locale, { ...state, bundles });
  const keys = { ...state.ledger.namespaces[ref.namespace]?.keys };
  delete keys[ref.key];
  const namespaces = { ...state.ledger.namespaces, [ref.namespace]: { ...(state.ledger.namespaces[ref.namespace] as { format: 'text' | 'i18next' | 'icu' }), keys } };
  return out.set(ref.locale, { ledger: { ...state.ledger, namespaces }, bundles });
}

const commentsOf = (entry: TmEntry | undefined): TmFinding[] => (entry?.findings ?? []).filter((f) => f.check === 'comment');

/** A reviewer's words kept with the TM entry, as a finding of the `comment` or `rejected` kind. */
const reviewNote = (check: 'comment' | 'rejected', text: string): TmFinding => ({ check, severity: check === 'rejected' ? 'warn' : 'info', message: text.replace(/\s+/gu, ' ').slice(0, 2000) });
