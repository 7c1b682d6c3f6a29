import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * deepl-node neither honours nor exposes `Retry-After`. Node publishes every HTTP response on the
 * `http.client.response.finish` channel, so the adapter reads the header there, for answers from
 * its own server only. The limit is per account, so the latest value applies to the whole queue.
 */
export function watchRetryAfter(host: string): { take: () => number | undefined; close: () => void } {
  let latest: number | undefined;
  const channel = diagnosticsChannel.channel('http.client.response.finish');
  const onMessage = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (request.host !== host || (response.statusCode !== 429 && response.statusCode !== 503 && response.statusCode !== 529)) return;
    const parsed = parseRetryAfter(response.headers['retry-after']);
    if (parsed !== undefined) latest = parsed;
  };
  channel.subscribe(onMessage);
  return {
    take() {
      const value = latest;
      latest = undefined;
      return value;
    },
    close: () => channel.unsubscribe(onMessage),
  };
}

/** `Retry-After: 2` (seconds) or an HTTP date, in milliseconds from now; capped at 10 minutes. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const seconds = Number(text);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 600_000);
}
