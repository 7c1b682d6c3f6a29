/**
 * Delay before retry number `attempt` (1-based): exponential from `baseMs`, capped at `maxMs`,
 * with ±25 % jitter so that parallel requests that failed together do not retry together.
 * An engine's `Retry-After` wins when it asks for longer.
 */
export function retryDelayMs(attempt: number, options: { baseMs: number; maxMs: number; retryAfterMs?: number | undefined; random: () => number }): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  const jittered = exponential * (0.75 + 0.5 * options.random());
  return Math.round(Math.max(jittered, options.retryAfterMs ?? 0));
}
