import { createHash } from 'node:crypto';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import type { BundleQa } from './bundle-qa.js';
import { documentKeyOf, unitsFromCache } from './cached-load.js';
import type { DocumentCache } from './document-cache.js';
import type { UnitOutcome } from './localize-unit.js';
import type { TmLookup } from './plan-job.js';
import { planUnit } from './plan-unit.js';
import type { SourceDocument } from './source-document.js';

/** What the last run's ledger and the bundles on disk say of one locale (assemble-bundles.ts' PreviousState). */
interface LocaleState {
  ledger?: { qa?: string; namespaces: Record<string, unknown> };
  bundles: ReadonlyMap<string, ReadonlyMap<string, string>>;
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
 * and the on-disk bundle of the namespace (a person's edit), and every TM entry its segments look
 * up (target, origin, status, dates). Anything else is localized again. Replayed outcomes go
 * through the same code as fresh ones (assemble-bundles.ts), so the bundles are the same bytes.
 */
export class UnitReuse {
  private readonly counts = new Map<string, { reused: number; redone: number }>();

  constructor(private readonly config: ResolvedConfig, private readonly cache: DocumentCache) {}

  begin(document: SourceDocument, target: ResolvedTarget, lookup: TmLookup, qa: BundleQa, state: LocaleState | undefined): DocumentPass {
    const key = this.outcomeKey(document, target, lookup, qa, state);
    const cached = key === undefined ? undefined : this.cache.outcomes(document.file, target.locale, key, document.units.length);
    const count = { reused: 0, redone: 0 };
    this.counts.set(`${document.namespace}\u0000${target.locale}`, count); // a second assembly (a person's edits) replaces the first one's count
    const fresh: UnitOutcome[] = [];
    let i = 0;
    return {
      next: () => cached?.[i++],
      keep: (outcome) => {
        if (cached) {
          count.reused++;
          return;
        }
        count.redone++;
        fresh.push(outcome);
        if (key !== undefined && fresh.length === document.units.length) this.cache.keepOutcomes(document.file, target.locale, key, fresh);
      },
    };
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

  private outcomeKey(document: SourceDocument, target: ResolvedTarget, lookup: TmLookup, qa: BundleQa, state: LocaleState | undefined): string | undefined {
    const documentKey = documentKeyOf(document);
    if (documentKey === undefined) return undefined;
    const onDisk = state?.bundles.get(document.namespace);
    const parts = [documentKey, target.locale, qa.fingerprint, String(state?.ledger?.qa), JSON.stringify(state?.ledger?.namespaces[document.namespace] ?? null), JSON.stringify(onDisk ? [...onDisk] : null)];
    for (const unit of document.units) {
      for (const segment of planUnit(unit, target, this.config.sourceLocale).segments) {
        const entry = lookup(target.locale, segment.text);
        parts.push(entry ? JSON.stringify(entry) : '-');
      }
    }
    const hash = createHash('sha256').update(parts.join('\u0000'));
    return hash.digest('hex');
  }
}
