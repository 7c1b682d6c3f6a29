/**
 * No double pay across processes: before a locale's missing segments are sent, the TM store claims
 * them (the shared TM takes a lease per segment; the file TM, whose writers the project lock already
 * serialises, gives every segment to this process). Segments another process holds are waited for:
 * its answers arrive through the TM, and a segment whose lease expired (its process died) is claimed
 * here and sent once more. A segment whose holders died `maxAttempts` times (the shared TM's cap;
 * default 2: retried once) is abandoned: neither sent nor waited for, and `abandonedMessage` says so.
 */
import type { TmStore } from '../tm/tm-store.js';

export async function claimThenSend<T extends { segment: { source: string } }>(
  tm: TmStore,
  locale: string,
  items: readonly T[],
  proceed: (items: T[]) => void,
  signal?: AbortSignal,
  onAbandoned?: (message: string) => void,
): Promise<void> {
  const { mine, others } = await tm.claim(locale, items.map((item) => item.segment.source));
  const now = new Set(mine);
  const first = items.filter((item) => now.has(item.segment.source));
  if (first.length > 0) proceed(first);
  if (others.length > 0) {
    const takenOver = new Set(await tm.awaitClaims(locale, others, signal));
    const later = items.filter((item) => takenOver.has(item.segment.source));
    if (later.length > 0) proceed(later);
  }
  const abandoned = abandonedMessage(tm, locale, items.map((item) => item.segment.source));
  if (abandoned) onAbandoned?.(abandoned);
}

/** What the report says of the segments of `sources` the store gave up on (none: undefined). */
export function abandonedMessage(tm: TmStore, locale: string, sources: readonly string[]): string | undefined {
  const wanted = new Set(sources);
  const given = (tm.abandoned?.(locale) ?? []).filter((source) => wanted.has(source));
  if (given.length === 0) return undefined;
  const shown = given.slice(0, 3).map((s) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s)).join(', ') + (given.length > 3 ? ` and ${given.length - 3} more` : '');
  return (
    `${given.length} segment(s) for ${locale} were not sent: every process that held them died before answering (their leases expired the allowed number of times), so they are not paid for again and stay missing (${shown}). ` +
    `Fix: find out why those processes died (a segment that crashes the worker or the engine?), then clear the leases in ${tm.journalPath(locale)} — \`DELETE FROM tilmash_tm_leases WHERE expires < now()\` — and run again.`
  );
}
