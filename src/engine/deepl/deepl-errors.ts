import type * as DeeplNode from 'deepl-node';
import { EngineError } from '../translation-engine.js';

/**
 * Maps what deepl-node throws to one EngineError that says whether a retry makes sense:
 * 429/529/5xx/network/timeout retryable; 456 quota, 403 key, 400 request never.
 * deepl-node does not expose the status code of every error, so it is read from its message.
 */
export function toEngineError(error: unknown, retryAfterMs: number | undefined, deepl: typeof DeeplNode): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  const status = /status code: (\d{3})/.exec(message)?.[1];
  const base = { cause: error, retryAfterMs } as const;
  if (error instanceof deepl.QuotaExceededError) return new EngineError('DeepL quota for this billing period is exhausted (456).', { ...base, retryable: false, reason: 'quota', status: 456 });
  if (error instanceof deepl.AuthorizationError) return new EngineError('DeepL refused the key (403): check DEEPL_AUTH_KEY (a free key ends in :fx).', { ...base, retryable: false, reason: 'auth', status: 403 });
  if (error instanceof deepl.TooManyRequestsError) return new EngineError('DeepL: too many requests (429).', { ...base, retryable: true, reason: 'rate-limit', status: 429 });
  if (status === '529') return new EngineError('DeepL: too many requests (529).', { ...base, retryable: true, reason: 'rate-limit', status: 529 });
  if (error instanceof deepl.ConnectionError) {
    const timeout = /timeout|ECONNABORTED|ETIMEDOUT/i.test(message);
    return new EngineError(`DeepL connection failed: ${message}`, { ...base, retryable: true, reason: timeout ? 'timeout' : 'network' });
  }
  if (/Service unavailable/.test(message) || (status !== undefined && status.startsWith('5'))) {
    return new EngineError(`DeepL server error: ${message}`, { ...base, retryable: true, reason: 'server', status: Number(status ?? 503) });
  }
  if (/Bad request/.test(message) || status === '413' || status === '400') {
    return new EngineError(`DeepL rejected the request: ${message}`, { ...base, retryable: false, reason: 'bad-request', status: Number(status ?? 400) });
  }
  if (error instanceof SyntaxError || /JSON|Unexpected token/i.test(message)) {
    return new EngineError(`DeepL sent a malformed response: ${message}`, { ...base, retryable: true, reason: 'bad-response' });
  }
  return new EngineError(`DeepL failed: ${message}`, { ...base, retryable: false, reason: 'other' });
}
