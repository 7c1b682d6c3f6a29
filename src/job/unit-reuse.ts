import { createHash } from 'node:crypto';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { bundleDigest, bytesDigest, fileDigest, type CurrentBundles } from '../ledger/read-current-bundles.js';
import type { TmEntry } from '../tm/tm-entry.js';
import type { BundleQa } from './bundle-qa.js';
import { documentKeyOf, unitsFromCache } from './cached-load.js';
import type { DocumentCache, StoredOutcome } from './document-cache.js';
import type { UnitOutcome } from './localize-unit.js';
import type { TmLookup } from './plan-job.js';
import { planUnit } from './plan-unit.js';
import type { SourceDocument, SourceUnit } from './source-document.js';

/** What the last run's ledger and the bundles on disk say of one locale (assemble-bundles.ts' PreviousState). */
interface LocaleState {
  ledger?: { qa?: string; namespaces: Record<string, unknown> };
  bundles: CurrentBundles;
}

/** Per document: how many keys (summed over the target locales) were taken from the cache and how many were localized again. */
export interface DocumentReuse {
  namespace: string;
  /** `cached`: the document's units came from the cache; `read`: it was read and segmented. */
  units: 'cached' | 'read';
  reused: number;
  redone: number;
}

/** One document in one locale during assembly: the cached outcomes to replay, or the fresh ones to keep. */
export interface DocumentPass {
  /** The cached outcome of the next unit, or undefined (localize it). */
  next(): UnitOutcome | undefined;
  /** The outcome the unit got (cached or fresh). */
  keep(outcome: UnitOutcome): void;
}

/**
 * Reuse of what each key became (`localizeUnit`) per document and locale, across runs: a
 * document's outcomes are replayed when the hash of everything they depend on is the one they were
 * cached under — the document's load key (settings, its bytes, its key map), the locale, the QA
 * fingerprint (checks, glossary, version) and the previous ledger's, the previous ledger's section
 * and the on-disk bundle of the namespace (a person's edit: the hash of its file's bytes, which
 * are not parsed when the outcomes are replayed), and every TM entry its segments look up (its
 * target, origin and status: what `localizeUnit` reads of it). Anything else is localized again. Replayed outcomes go
 * through the same code as fresh ones (assemble-bundles.ts), so the bundles are the same bytes.
 */
export class UnitReuse {
  private readonly counts = new Map<string, { reused: number; redone: number }>();
  /** Per namespace and locale: the last outcome key, with what it was computed from (see `outcomeKey`). */
  private readonly keys = new Map<string, KeyMemo>();

  constructor(private readonly config: ResolvedConfig, private readonly cache: DocumentCache) {}

  /** The cached outcomes of the document in this locale, when its outcome key now is the one they were stored under. */
  cached(document: SourceDocument, target: ResolvedTarget, lookup: TmLookup, qa: BundleQa, state: LocaleState | undefined): StoredOutcome[] | undefined {
    const key = this.outcomeKey(document, target, lookup, qa, state);
    return key === undefined ? undefined : this.cache.outcomes(document.file, target.locale, key, document.units.length);
  }

  begin(document: SourceDocument, target: ResolvedTarget, lookup: TmLookup, qa: BundleQa, state: LocaleState | undefined): DocumentPass {
    const key = this.outcomeKey(document, target, lookup, qa, state);
    const cached = key === undefined ? undefined : this.cache.outcomes(document.file, target.locale, key, document.units.length);
    if (!cached) state?.bundles.get(document.namespace); // localized again: its bundle is parsed now (a broken one refused), as without a cache
    const count = { reused: 0, redone: 0 };
    this.counts.set(`${document.namespace}\u0000${target.locale}`, count); // a second assembly (a person's edits) replaces the first one's count
    let i = 0;
    const fresh: StoredOutcome[] = [];
    return {
      next: () => {
        const stored = cached?.[i];
        const unit = document.units[i++];
        return stored && unit ? this.replayed(stored, unit, target, lookup) : undefined;
      },
      keep: (outcome) => {
        if (cached) {
          count.reused++;
          return;
        }
        count.redone++;
        fresh.push(outcome.kind === 'written' && !outcome.ledger.edited ? withoutEntries(outcome) : outcome);
        if (key !== undefined && fresh.length === document.units.length) this.cache.keepOutcomes(document.file, target.locale, key, fresh);
      },
    };
  }

  /**
   * Whether the document's i18next bundle `file` in this locale is on disk exactly as the assembly
   * going on would write it: the file hashes as the bundle recorded (`keepBundle`) under the key of
   * what it is built from now — the document's outcome key in a target locale, its load key in the
   * source locale. Then the bundle is neither formatted nor compared (assemble-bundles.ts).
   */
  bundleOnDisk(document: SourceDocument, locale: string, file: string, shown: string): boolean {
    const key = this.bundleKey(document, locale);
    const hash = key === undefined ? undefined : this.cache.bundle(document.file, locale, key);
    return hash !== undefined && fileDigest(file, shown) === hash;
  }

  /** Records the hash of the document's bundle in this locale under the key it was built from, for `bundleOnDisk` in a later run. */
  keepBundle(document: SourceDocument, locale: string, content: string): void {
    const key = this.bundleKey(document, locale);
    if (key !== undefined) this.cache.keepBundle(document.file, locale, key, bytesDigest(content));
  }

  /** The source locale's bundle is built from the units alone; a target's from the outcomes `begin` last keyed. */
  private bundleKey(document: SourceDocument, locale: string): string | undefined {
    if (locale === this.config.sourceLocale) return documentKeyOf(document);
    const memo = this.keys.get(`${document.namespace}\u0000${locale}`);
    return memo?.document === document ? memo.key : undefined;
  }

  /** A stored outcome as `localizeUnit` gave it: the entries of a key built from the TM are built again from its TM entries (undefined: one is gone, localize it). */
  private replayed(stored: StoredOutcome, unit: SourceUnit, target: ResolvedTarget, lookup: TmLookup): UnitOutcome | undefined {
    if (stored.kind !== 'written' || stored.entries !== undefined) return stored as UnitOutcome;
    const plan = planUnit(unit, target, this.config.sourceLocale);
    const translations = plan.segments.map((segment) => lookup(target.locale, segment.text)?.target);
    return translations.every((t): t is string => t !== undefined) ? { ...stored, entries: plan.build(translations) } : undefined;
  }

  /** Per document, in document order: keys reused and redone over every locale assembled. */
  report(documents: readonly SourceDocument[]): DocumentReuse[] {
    return documents.map((document) => {
      let reused = 0;
      let redone = 0;
      for (const [id, count] of this.counts) {
        if (id.slice(0, id.indexOf('\u0000')) !== document.namespace) continue;
        reused += count.reused;
        redone += count.redone;
      }
      return { namespace: document.namespace, units: unitsFromCache(document) ? 'cached' : 'read', reused, redone };
    });
  }

  /**
   * The hash of everything the document's outcomes in this locale depend on. The plan and the
   * assembly both ask: the key is computed again only when the document, the previous state or
   * the QA fingerprint is another, or a lookup gives another TM entry (entries are frozen: a
   * changed one is a new object), so a document the run did not touch is hashed once.
   */
  private outcomeKey(document: SourceDocument, target: ResolvedTarget, lookup: TmLookup, qa: BundleQa, state: LocaleState | undefined): string | undefined {
    const documentKey = documentKeyOf(document);
    if (documentKey === undefined) return undefined;
    const entries: Array<TmEntry | undefined> = [];
    for (const unit of document.units) for (const segment of planUnit(unit, target, this.config.sourceLocale).segments) entries.push(lookup(target.locale, segment.text));
    const id = `${document.namespace}\u0000${target.locale}`;
    const memo = this.keys.get(id);
    if (memo && memo.document === document && memo.state === state && memo.qa === qa.fingerprint && sameObjects(memo.entries, entries)) return memo.key;
    const parts = [documentKey, target.locale, qa.fingerprint, String(state?.ledger?.qa), JSON.stringify(state?.ledger?.namespaces[document.namespace] ?? null), bundleDigest(state?.bundles, document.namespace)];
    // What localizeUnit reads of an entry (its source is the segment, already in the document key; its dates change nothing).
    for (const entry of entries) parts.push(entry ? JSON.stringify([entry.target, entry.origin, entry.status]) : '-');
    const key = createHash('sha256').update(parts.join('\u0000')).digest('hex');
    this.keys.set(id, { document, state, qa: qa.fingerprint, entries, key });
    return key;
  }
}

interface KeyMemo {
  document: SourceDocument;
  state: LocaleState | undefined;
  qa: string;
  entries: Array<TmEntry | undefined>;
  key: string;
}

/** What `localizeUnit` built from the TM (its entries are `plan.build` of the TM targets), stored without them. */
function withoutEntries(outcome: Extract<UnitOutcome, { kind: 'written' }>): StoredOutcome {
  const { entries: _, ...rest } = outcome;
  return rest;
}

const sameObjects = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
