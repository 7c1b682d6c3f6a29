import type { Piece } from '../protect/protect-types.js';

/** The namespace of XLIFF 1.2 documents. */
export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';

/** The XLIFF 1.2 `state` values Tilmash writes and understands (carried on `<target>`), least advanced first. */
export const XLIFF_STATES = ['new', 'needs-translation', 'translated', 'needs-review-translation', 'signed-off', 'final'] as const;
export type XliffState = (typeof XLIFF_STATES)[number];

/** How a draft target was obtained (`state-qualifier` on `<target>`). */
export const XLIFF_STATE_QUALIFIERS = ['leveraged-mt', 'leveraged-tm', 'exact-match', 'fuzzy-match', 'mt-suggestion'] as const;
export type XliffStateQualifier = (typeof XLIFF_STATE_QUALIFIERS)[number];

/** A fuzzy TM match offered to the translator as `<alt-trans>`. */
export interface XliffSuggestion {
  sourcePieces: Piece[];
  targetPieces: Piece[];
  /** In [0, 1]; written as `match-quality` in whole percent (0.834 → "83"). */
  similarity: number;
  /** Where the match comes from, e.g. `tm` (the `origin` attribute). */
  origin: string;
}

/** One segment to translate: a `<trans-unit>`. */
export interface XliffUnit {
  /**
   * Unique within its file and stable across exports: Tilmash writes `<namespace>.<key>#<n>`, the
   * n-th segment (1-based) of the key's plan for the locale. Written and read back verbatim.
   */
  id: string;
  sourcePieces: Piece[];
  /** Absent (or empty) for a unit without a translation; its state must then be `new` or `needs-translation`. */
  targetPieces?: Piece[];
  state: XliffState;
  stateQualifier?: XliffStateQualifier;
  /** Notes for the translator: QA findings, where the text is used, the message description. */
  notes: string[];
  suggestions: XliffSuggestion[];
}

/** One `<file>`: the units of one namespace for one target locale. */
export interface XliffFile {
  /** The `original` attribute, e.g. the namespace or the source path. */
  original: string;
  sourceLocale: string;
  targetLocale: string;
  units: XliffUnit[];
}

/** A `<trans-unit>` read back from an XLIFF file (made by Tilmash or by a CAT tool). */
export interface ImportedXliffUnit {
  id: string;
  sourcePieces: Piece[];
  /** Absent when the unit has no `<target>` or an empty one. */
  targetPieces?: Piece[];
  /** Absent when the file gives none Tilmash understands (see `importXliff` for the mapping). */
  state?: XliffState;
  stateQualifier?: XliffStateQualifier;
  /** `approved="yes"` on the trans-unit. */
  approved: boolean;
  /** The `restype` attribute (`x-gettext-domain-header` marks po2xliff's PO header unit). */
  restype?: string;
  /** The `resname` attribute, where tools such as Okapi and po2xliff keep a resource name. */
  resname?: string;
  /** Texts of `<context>`s in `<context-group purpose="location">` (po2xliff keeps PO `#:` references there). */
  locations: string[];
  /** 1-based line of the `<trans-unit>` start tag, for messages. */
  line: number;
}

export interface ImportedXliffFile {
  original: string;
  sourceLocale: string;
  /** Empty when the file gives none (po2xliff writes no `target-language`). */
  targetLocale: string;
  /** The header's `<phase-group>` names a review step (`process-name` review, proofreading, approval, sign-off, QA). */
  fromReview: boolean;
  units: ImportedXliffUnit[];
}
