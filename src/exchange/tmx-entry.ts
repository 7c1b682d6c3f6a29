/** A TM entry from one TMX variant: Tilmash origin, status and exact stamps kept when present. */
import { TM_STATUSES, type TmEntry, type TmStatus } from '../tm/tm-entry.js';
import { isoWholeSeconds, tmxDateToIso } from './tmx-date.js';
import { TMX_PROP } from './tmx-export.js';
import type { TmxTuv, TmxUnit } from './tmx-unit.js';

const IMPORT_ORIGIN = 'import:tmx';
const TILMASH_ORIGIN = /^(?:human|engine:\S+|import:\S+|derived:\S+)$/; // derived: a kk-Latn, zh-Hant entry stays derived (it follows its parent)
const STATUSES: ReadonlySet<string> = new Set(TM_STATUSES);

/** The entry for `tuv` (a target of `unit`) with the normalised `source`; `now` when it has no dates. */
export function tmxEntry(source: string, tuv: TmxTuv, unit: TmxUnit, now: string): TmEntry {
  const prop = (type: string) => tuv.props.get(type) ?? unit.props.get(type);
  const origin = prop(TMX_PROP.origin);
  const status = prop(TMX_PROP.status);
  const createdDate = tmxDateToIso(tuv.created ?? unit.created);
  const changedDate = tmxDateToIso(tuv.changed ?? unit.changed);
  const createdIso = exactStamp(createdDate, prop(TMX_PROP.created));
  const changedIso = exactStamp(changedDate, prop(TMX_PROP.changed));
  const created = createdIso ?? changedIso ?? now;
  const changed = changedIso ?? created;
  return {
    source,
    target: tuv.text.normalize('NFC'),
    origin: origin !== undefined && TILMASH_ORIGIN.test(origin) ? origin : IMPORT_ORIGIN,
    status: status !== undefined && STATUSES.has(status) ? (status as TmStatus) : 'translated',
    created,
    changed,
  };
}

/**
 * The exact stamp a Tilmash export kept in `x-created`/`x-changed`, when it agrees with the TMX date
 * to the second (another tool that edited the date did not update the prop: its date wins).
 */
function exactStamp(dateIso: string | undefined, propValue: string | undefined): string | undefined {
  const wholeSeconds = propValue === undefined ? undefined : isoWholeSeconds(propValue);
  if (wholeSeconds === undefined || (dateIso !== undefined && wholeSeconds !== dateIso)) return dateIso;
  return propValue;
}
