/**
 * One translation-memory entry: a normalised source segment and its translation into one target
 * locale. Stored one JSON object per line in `tm/<source>-<target>.jsonl`, lines sorted by `source`
 * (UTF-16 code-unit order, i.e. `a < b`), keys in exactly this order (`findings` only when not empty).
 */
export interface TmEntry {
  /** The normalised source segment (NFC, trimmed). Unique within one file. */
  source: string;
  target: string;
  /** `human`, `engine:<engine id>` (e.g. `engine:deepl`) or `import:<format>` (e.g. `import:tmx`). */
  origin: string;
  status: TmStatus;
  /** ISO 8601 UTC timestamps. */
  created: string;
  changed: string;
  /** QA findings recorded with the translation (present only when there are some). */
  findings?: readonly TmFinding[];
}

/** A QA finding as stored in the TM: the check id, its severity when recorded, and the message. */
export interface TmFinding {
  check: string;
  severity: 'error' | 'warn' | 'info';
  message: string;
}

export const TM_STATUSES = ['translated', 'machine', 'needs-review', 'reviewed'] as const;
export type TmStatus = (typeof TM_STATUSES)[number];
