/**
 * Engine error texts can echo what was sent (a proxy or server that copies the request headers into
 * its error body). Before such a text reaches a report, a log or the TM, the key and every
 * `Authorization` value are replaced by `[redacted]`.
 */
import { EngineError } from './translation-engine.js';

const REDACTED = '[redacted]';
/** `Authorization: <value>`, `"authorization":"<value>"`, `authorization=<value>`, any case. */
const AUTHORIZATION = /(["']?authorization["']?\s*[:=]\s*["']?)([^"'\r\n,}]*)/giu;
/** Credential schemes whose token follows them. */
const SCHEMES = /\b(DeepL-Auth-Key|Bearer|Basic)\s+[^\s"',}]+/giu;

/** `text` with every secret and Authorization value replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(AUTHORIZATION, (_, prefix: string) => `${prefix}${REDACTED}`).replace(SCHEMES, (_, scheme: string) => `${scheme} ${REDACTED}`);
}

/** The same EngineError with its message redacted and without the raw cause (which holds the unredacted text). */
export function redactEngineError(error: EngineError, secrets: readonly string[]): EngineError {
  const message = redactSecrets(error.message, secrets);
  const { cause: _cause, ...options } = error.options;
  return new EngineError(message, options);
}
