/**
 * No double pay across processes: before a locale's missing segments are sent, the TM store claims
 * them (the shared TM takes a lease per segment; the file TM, whose writers the project lock already
 * serialises, gives every segment to this process). Segments another process holds are waited for:
 * its answers arrive through the TM, and a segment whose lease expired (its process died) is claimed
 * here and sent once more.
 */
import type { TmStore } from '../tm/tm-store.js';

export async function claimThenSend<T extends { segment: { source: string } }>(tm: TmStore, locale: string, items: readonly T[], proceed: (items: T[]) => void, signal?: AbortSignal): Promise<void> {
  const { mine, others } = await tm.claim(locale, items.map((item) => item.segment.source));
  const now = new Set(mine);
  const first = items.filter((item) => now.has(item.segment.source));
  if (first.length > 0) proceed(first);
  if (others.length === 0) return;
  const takenOver = new Set(await tm.awaitClaims(locale, others, signal));
  const later = items.filter((item) => takenOver.has(item.segment.source));
  if (later.length > 0) proceed(later);
}
