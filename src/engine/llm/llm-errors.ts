import type * as OpenAiModule from 'openai';
import { parseRetryAfter } from '../deepl/retry-after-watch.js';
import { EngineError } from '../translation-engine.js';

/**
 * Maps what the openai SDK throws to one EngineError that says whether a retry makes sense:
 * 408/409/429/5xx, network errors and timeouts retryable; a 429 `insufficient_quota` or a 402 is
 * the account's quota, 401/403 the key, 400/404/422 the request — never retried. The SDK's
 * messages carry the server's error text, never the key.
 */
export function toEngineError(error: unknown, engineId: string, openai: typeof OpenAiModule): EngineError {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof openai.APIConnectionTimeoutError) return new EngineError(`${engineId} did not answer in time`, { retryable: true, reason: 'timeout', cause: error });
  if (error instanceof openai.APIConnectionError) return new EngineError(`${engineId}: connection failed: ${message}`, { retryable: true, reason: 'network', cause: error });
  if (!(error instanceof openai.APIError) || error.status === undefined) {
    if (error instanceof SyntaxError) return new EngineError(`${engineId} sent a malformed response: ${message}`, { retryable: true, reason: 'bad-response', cause: error });
    return new EngineError(`${engineId} failed: ${message}`, { retryable: false, reason: 'other', cause: error });
  }
  const status = error.status;
  const headers = error.headers;
  const retryAfterMs = retryAfterOf(headers);
  const base = { cause: error, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if ((status === 429 && error.code === 'insufficient_quota') || status === 402) {
    return new EngineError(`${engineId}: the account's quota is used up (${status}): ${message}`, { ...base, retryable: false, reason: 'quota' });
  }
  if (status === 401 || status === 403) return new EngineError(`${engineId} refused the key (${status}): check the API key variable (OPENAI_API_KEY or engine.llm.apiKeyEnv).`, { ...base, retryable: false, reason: 'auth' });
  if (status === 429) return new EngineError(`${engineId}: too many requests (429).`, { ...base, retryable: true, reason: 'rate-limit' });
  if (status === 404) return new EngineError(`${engineId}: not found (404): check engine.llm.baseURL and engine.llm.model (GET /v1/models lists the server's models): ${message}`, { ...base, retryable: false, reason: 'bad-request' });
  if (status === 408 || status === 409 || status >= 500) return new EngineError(`${engineId} server error (${status}): ${message}`, { ...base, retryable: true, reason: 'server' });
  return new EngineError(`${engineId} rejected the request (${status}): ${message}`, { ...base, retryable: false, reason: 'bad-request' });
}

function retryAfterOf(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.min(ms, 600_000);
  return parseRetryAfter(headers?.get('retry-after') ?? undefined);
}
