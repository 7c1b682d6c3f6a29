/** TMX dates (`YYYYMMDDThhmmssZ`, whole seconds, UTC) and the ISO stamps of TM entries. */

/**
 * An ISO 8601 timestamp rounded down to whole seconds (`2024-05-01T10:00:00.000Z`); undefined for a
 * value that is not one. A stamp equal to its rounded form survives a TMX date unchanged.
 */
export function isoWholeSeconds(iso: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** `2024-05-01T10:00:00.000Z` (whole seconds, see `isoWholeSeconds`) → `20240501T100000Z`. */
export function tmxDateOf(wholeSecondsIso: string): string {
  return `${wholeSecondsIso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** `20240501T100000Z` (or `2024-05-01T10:00:00Z`) → `2024-05-01T10:00:00.000Z`; undefined if not a valid date. */
export function tmxDateToIso(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const iso = new Date(Date.UTC(year, month - 1, day, hour, minute, second)).toISOString();
  // Date.UTC rolls 30 February over to March: reject dates whose fields did not survive.
  return iso.slice(0, 19).replace(/[-:]/g, '') === `${match[1]}${match[2]}${match[3]}T${match[4]}${match[5]}${match[6]}` ? iso : undefined;
}
