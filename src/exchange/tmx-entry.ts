/** A TM entry from one TMX variant: Tilmash origin, status and exact stamps kept when present. */
import { TM_STATUSES, type TmEntry, type TmStatus } from '../tm/tm-entry.js';
import { TMX_PROP } from './tmx-export.js';
import type { TmxTuv, TmxUnit } from './tmx-unit.js';

const IMPORT_ORIGIN = 'import:tmx';
const TILMASH_ORIGIN = /^(?:human|engine:\S+|import:\S+)$/;
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
  if (propValue === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(propValue)) return dateIso;
  const ms = Date.parse(propValue);
  if (Number.isNaN(ms)) return dateIso;
  if (dateIso !== undefined && new Date(Math.floor(ms / 1000) * 1000).toISOString() !== dateIso) return dateIso;
  return propValue;
}

/** `20240501T100000Z` (or `2024-05-01T10:00:00Z`) → `2024-05-01T10:00:00.000Z`; undefined if not a valid date. */
function tmxDateToIso(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const iso = date.toISOString();
  // Date.UTC rolls 30 February over to March: reject dates whose fields did not survive.
  return iso.slice(0, 19).replace(/[-:]/g, '') === `${match[1]}${match[2]}${match[3]}T${match[4]}${match[5]}${match[6]}` ? iso : undefined;
}
