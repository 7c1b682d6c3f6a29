/**
 * A local fake of the DeepL API v2 that speaks the real wire format (as sent and parsed by
 * deepl-node 1.28). Loopback only: it binds 127.0.0.1 on an ephemeral port.
 *
 * Endpoints:
 * - `POST /v2/translate` (form-urlencoded with repeated `text=`, or JSON with `text: string[]`)
 * - `GET|POST /v2/usage`
 * - `GET|POST /v2/languages?type=source|target`
 * Anything else answers 404 `{"message":"Not found"}`.
 *
 * Order of checks on `/v2/translate`: body read (bounded) → injected fault → auth (403) →
 * body size (413) → parameters (400) → rate limit (429) → quota (456) → 200.
 * `latencyMs` delays every `/v2/translate` answer (errors included; not `hang`/`reset`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface FakeDeeplOptions {
  /** Fixed latency added to every /v2/translate response (ms). */
  latencyMs?: number;
  /** Rate limit: at most `requests` translate requests per `perMs` window (sliding); above it answer 429. */
  rateLimit?: { requests: number; perMs: number; retryAfterSeconds?: number };
  /** Characters allowed before 456 (quota). */
  characterLimit?: number;
  /** Accepted auth key (header `Authorization: DeepL-Auth-Key <key>`); anything else → 403. */
  authKey?: string;
  /** Translation function; default: `[${target_lang}] ${text}` (target_lang upper-cased, e.g. `EN-US`). */
  translate?: (text: string, targetLang: string) => string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** performance.now() at arrival. */
  at: number;
  /** Parsed body (for GET: the query string); `text` is always an array (empty if absent or body too large). */
  form: Record<string, string | string[]>;
  /** What was answered; 0 while pending, and stays 0 for `hang` / `reset` faults. */
  status: number;
  bodyBytes: number;
  headers: Record<string, string | string[] | undefined>;
}

export type Fault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503 | 529 | 456 | 403 | 400; retryAfterSeconds?: number }
  | { kind: 'hang' } // accept the request, never answer (until close)
  | { kind: 'reset' } // destroy the socket without answering
  | { kind: 'malformed-json' } // 200 with a body that is not JSON
  | { kind: 'wrong-count' }; // 200 with one translation fewer than texts

export interface FakeDeepl {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Queue faults: the next N /v2/translate requests get these, in order (then normal service). */
  inject(...faults: Fault[]): void;
  /** Characters billed so far (sum of billed_characters answered). */
  billedCharacters(): number;
  /** Also ends hanging requests/sockets. */
  close(): Promise<void>;
}

/** Real API limits. */
export const MAX_BODY_BYTES = 128 * 1024; // 131072
export const MAX_TEXTS = 50;
const DEFAULT_CHARACTER_LIMIT = 500_000;
/** Beyond this, stop draining an oversized body and drop the connection (memory bound). */
const HARD_BODY_CAP = 16 * 1024 * 1024;

type Language = { language: string; name: string; supports_formality?: boolean };

export const SOURCE_LANGUAGES: readonly Language[] = [
  { language: 'AR', name: 'Arabic' },
  { language: 'BG', name: 'Bulgarian' },
  { language: 'CS', name: 'Czech' },
  { language: 'DA', name: 'Danish' },
  { language: 'DE', name: 'German' },
  { language: 'EL', name: 'Greek' },
  { language: 'EN', name: 'English' },
  { language: 'ES', name: 'Spanish' },
  { language: 'ET', name: 'Estonian' },
  { language: 'FI', name: 'Finnish' },
  { language: 'FR', name: 'French' },
  { language: 'HE', name: 'Hebrew' },
  { language: 'HU', name: 'Hungarian' },
  { language: 'ID', name: 'Indonesian' },
  { language: 'IT', name: 'Italian' },
  { language: 'JA', name: 'Japanese' },
  { language: 'KK', name: 'Kazakh' },
  { language: 'KO', name: 'Korean' },
  { language: 'LT', name: 'Lithuanian' },
  { language: 'LV', name: 'Latvian' },
  { language: 'NB', name: 'Norwegian' },
  { language: 'NL', name: 'Dutch' },
  { language: 'PL', name: 'Polish' },
  { language: 'PT', name: 'Portuguese' },
  { language: 'RO', name: 'Romanian' },
  { language: 'RU', name: 'Russian' },
  { language: 'SK', name: 'Slovak' },
  { language: 'SL', name: 'Slovenian' },
  { language: 'SV', name: 'Swedish' },
  { language: 'TH', name: 'Thai' },
  { language: 'TR', name: 'Turkish' },
  { language: 'UK', name: 'Ukrainian' },
  { language: 'VI', name: 'Vietnamese' },
  { language: 'ZH', name: 'Chinese' },
];

export const TARGET_LANGUAGES: readonly Language[] = [
  { language: 'AR', name: 'Arabic', supports_formality: false },
  { language: 'BG', name: 'Bulgarian', supports_formality: false },
  { language: 'CS', name: 'Czech', supports_formality: false },
  { language: 'DA', name: 'Danish', supports_formality: false },
  { language: 'DE', name: 'German', supports_formality: true },
  { language: 'EL', name: 'Greek', supports_formality: false },
  { language: 'EN-GB', name: 'English (British)', supports_formality: false },
  { language: 'EN-US', name: 'English (American)', supports_formality: false },
  { language: 'ES', name: 'Spanish', supports_formality: true },
  { language: 'ES-419', name: 'Spanish (Latin American)', supports_formality: true },
  { language: 'ET', name: 'Estonian', supports_formality: false },
  { language: 'FI', name: 'Finnish', supports_formality: false },
  { language: 'FR', name: 'French', supports_formality: true },
  { language: 'HE', name: 'Hebrew', supports_formality: false },
  { language: 'HU', name: 'Hungarian', supports_formality: false },
  { language: 'ID', name: 'Indonesian', supports_formality: false },
  { language: 'IT', name: 'Italian', supports_formality: true },
  { language: 'JA', name: 'Japanese', supports_formality: true },
  { language: 'KK', name: 'Kazakh', supports_formality: false },
  { language: 'KO', name: 'Korean', supports_formality: false },
  { language: 'LT', name: 'Lithuanian', supports_formality: false },
  { language: 'LV', name: 'Latvian', supports_formality: false },
  { language: 'NB', name: 'Norwegian', supports_formality: false },
  { language: 'NL', name: 'Dutch', supports_formality: true },
  { language: 'PL', name: 'Polish', supports_formality: true },
  { language: 'PT-BR', name: 'Portuguese (Brazilian)', supports_formality: true },
  { language: 'PT-PT', name: 'Portuguese (European)', supports_formality: true },
  { language: 'RO', name: 'Romanian', supports_formality: false },
  { language: 'RU', name: 'Russian', supports_formality: true },
  { language: 'SK', name: 'Slovak', supports_formality: false },
  { language: 'SL', name: 'Slovenian', supports_formality: false },
  { language: 'SV', name: 'Swedish', supports_formality: false },
  { language: 'TH', name: 'Thai', supports_formality: false },
  { language: 'TR', name: 'Turkish', supports_formality: false },
  { language: 'UK', name: 'Ukrainian', supports_formality: false },
  { language: 'VI', name: 'Vietnamese', supports_formality: false },
  { language: 'ZH', name: 'Chinese (simplified)', supports_formality: false },
  { language: 'ZH-HANS', name: 'Chinese (simplified)', supports_formality: false },
  { language: 'ZH-HANT', name: 'Chinese (traditional)', supports_formality: false },
];

/** Legacy target codes the API still accepts although they are not listed. */
const LEGACY_TARGETS = new Set(['EN', 'PT']);

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function detectLanguage(text: string): string {
  if (/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u.test(text)) return 'KK';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'RU';
  if (/\p{Script=Han}/u.test(text)) return 'ZH';
  return 'EN';
}

function parseForm(body: string, contentType: string | undefined): Record<string, string | string[]> | null {
  const form: Record<string, string | string[]> = {};
  const add = (key: string, value: string): void => {
    const prev = form[key];
    if (key === 'text') form.text = [...((prev as string[] | undefined) ?? []), value];
    else if (prev === undefined) form[key] = value;
    else form[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  if (contentType?.toLowerCase().includes('application/json')) {
    let obj: unknown;
    try {
      obj = JSON.parse(body);
    } catch {
      return null;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) add(key, typeof v === 'string' ? v : JSON.stringify(v));
    }
  } else {
    for (const [key, value] of new URLSearchParams(body)) add(key, value);
  }
  if (form.text === undefined) form.text = [];
  return form;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function startFakeDeepl(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const admitted: number[] = []; // arrival times of translate requests admitted by the rate limiter
  const characterLimit = options.characterLimit ?? DEFAULT_CHARACTER_LIMIT;
  const render = options.translate ?? ((text: string, target: string) => `[${target}] ${text}`);
  let billed = 0;
  let closed = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      at: performance.now(),
      form: { text: [] },
      status: 0,
      bodyBytes: 0,
      headers: { ...req.headers },
    };
    requests.push(record);

    const chunks: Buffer[] = [];
    let stored = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.length;
      if (record.bodyBytes > HARD_BODY_CAP) {
        record.status = 413;
        req.socket.destroy();
        return;
      }
      if (stored + chunk.length > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) {
        chunks.push(chunk);
        stored += chunk.length;
      }
    });
    req.on('error', () => {});
    req.on('end', () => {
      if (closed) return;
      const body = tooLarge ? '' : Buffer.concat(chunks).toString('utf8');
      let form: Record<string, string | string[]> | null = { text: [] };
      if (!tooLarge) {
        form = record.method === 'GET' || body.length === 0
          ? parseForm(url.search.slice(1), undefined)
          : parseForm(body, req.headers['content-type']);
        // Query parameters also count for POST (the real API merges them).
        if (form !== null && record.method !== 'GET' && url.search.length > 1) {
          const query = parseForm(url.search.slice(1), undefined) ?? { text: [] };
          for (const [k, v] of Object.entries(query)) {
            if (k === 'text') form.text = [...(v as string[]), ...(form.text as string[])];
            else if (form[k] === undefined) form[k] = v;
          }
        }
      }
      record.form = form ?? { text: [] };
      handle(req, res, record, url, form, tooLarge);
    });
  });

  function send(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}, delay = 0): void {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const write = (): void => {
      if (closed || res.destroyed) return;
      record.status = status;
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(payload)),
        ...headers,
      });
      res.end(payload);
    };
    if (delay > 0) {
      const t = setTimeout(() => {
        timers.delete(t);
        write();
      }, delay);
      timers.add(t);
    } else write();
  }

  function authorized(req: IncomingMessage): boolean {
    if (options.authKey === undefined) return true;
    return req.headers.authorization === `DeepL-Auth-Key ${options.authKey}`;
  }

  function handle(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, url: URL, form: Record<string, string | string[]> | null, tooLarge: boolean): void {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v2/translate') return handleTranslate(req, res, record, form, tooLarge);

    if (path === '/v2/usage' || path === '/v2/languages') {
      if (!authorized(req)) return send(res, record, 403, { message: 'Authorization failure' });
      if (record.method !== 'GET' && record.method !== 'POST') return send(res, record, 405, { message: 'Method not allowed' });
      if (tooLarge) return send(res, record, 413, { message: 'Request Entity Too Large' });
      if (path === '/v2/usage') {
        return send(res, record, 200, { character_count: billed, character_limit: characterLimit });
      }
      const type = (form && first(form.type)) ?? 'source';
      if (type !== 'source' && type !== 'target') {
        return send(res, record, 400, { message: "Value for 'type' not supported." });
      }
      return send(res, record, 200, type === 'target' ? TARGET_LANGUAGES : SOURCE_LANGUAGES);
    }
    return send(res, record, 404, { message: 'Not found' });
  }

  function handleTranslate(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, form: Record<string, string | string[]> | null, tooLarge: boolean): void {
    const latency = options.latencyMs ?? 0;
    const fault = faults.shift();
    if (fault !== undefined) {
      switch (fault.kind) {
        case 'hang':
          return; // never answered; close() destroys the socket
        case 'reset':
          req.socket.destroy();
          return;
        case 'status': {
          const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
          return send(res, record, fault.status, { message: `Injected fault: ${fault.status}` }, headers, latency);
        }
        case 'malformed-json':
          return send(res, record, 200, '{"translations":[{"text": <html>Bad Gateway</html>', {}, latency);
        case 'wrong-count':
        // falls through to normal processing and drops the last translation
      }
    }

    if (!authorized(req)) return send(res, record, 403, { message: 'Authorization failure' }, {}, latency);
    if (record.method !== 'POST' && record.method !== 'GET') return send(res, record, 405, { message: 'Method not allowed' }, {}, latency);
    if (tooLarge) return send(res, record, 413, { message: 'Request Entity Too Large' }, {}, latency);
    if (form === null) return send(res, record, 400, { message: 'Invalid request body' }, {}, latency);

    const texts = form.text as string[];
    const targetRaw = first(form.target_lang);
    const sourceRaw = first(form.source_lang);
    if (texts.length === 0) return send(res, record, 400, { message: "Parameter 'text' not specified." }, {}, latency);
    if (texts.length > MAX_TEXTS) return send(res, record, 400, { message: `Too many texts: at most ${MAX_TEXTS} 'text' parameters per request.` }, {}, latency);
    if (texts.some((t) => t.length === 0)) return send(res, record, 400, { message: "Parameter 'text' must not be empty." }, {}, latency);
    if (targetRaw === undefined || targetRaw === '') return send(res, record, 400, { message: "Parameter 'target_lang' not specified." }, {}, latency);
    const target = targetRaw.toUpperCase();
    const targetLang = TARGET_LANGUAGES.find((l) => l.language === target);
    if (targetLang === undefined && !LEGACY_TARGETS.has(target)) {
      return send(res, record, 400, { message: "Value for 'target_lang' not supported." }, {}, latency);
    }
    const source = sourceRaw?.toUpperCase();
    if (source !== undefined && source !== '' && !SOURCE_LANGUAGES.some((l) => l.language === source)) {
      return send(res, record, 400, { message: "Value for 'source_lang' not supported." }, {}, latency);
    }
    const formality = first(form.formality);
    if (formality !== undefined && !['default', 'more', 'less', 'prefer_more', 'prefer_less'].includes(formality)) {
      return send(res, record, 400, { message: "Value for 'formality' not supported." }, {}, latency);
    }
    if ((formality === 'more' || formality === 'less') && targetLang?.supports_formality !== true) {
      return send(res, record, 400, { message: "'formality' is not supported for given 'target_lang'." }, {}, latency);
    }

    if (options.rateLimit !== undefined) {
      const now = performance.now();
      while (admitted.length > 0 && now - admitted[0]! >= options.rateLimit.perMs) admitted.shift();
      if (admitted.length >= options.rateLimit.requests) {
        const headers: Record<string, string> = options.rateLimit.retryAfterSeconds !== undefined ? { 'Retry-After': String(options.rateLimit.retryAfterSeconds) } : {};
        return send(res, record, 429, { message: 'Too many requests' }, headers, latency);
      }
      admitted.push(now);
    }

    const counts = texts.map(codePoints);
    const requestChars = counts.reduce((a, b) => a + b, 0);
    if (billed + requestChars > characterLimit) {
      return send(res, record, 456, { message: 'Quota exceeded' }, {}, latency);
    }

    const showBilled = first(form.show_billed_characters);
    const withBilled = showBilled === '1' || showBilled === 'true';
    let translations = texts.map((text, i) => ({
      detected_source_language: source !== undefined && source !== '' ? source : detectLanguage(text),
      text: render(text, target),
      ...(withBilled ? { billed_characters: counts[i]! } : {}),
    }));
    if (fault?.kind === 'wrong-count') translations = translations.slice(0, -1);
    billed += translations.reduce((a, _t, i) => a + counts[i]!, 0);
    return send(res, record, 200, { translations }, {}, latency);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(...f: Fault[]): void {
      faults.push(...f);
    },
    billedCharacters: () => billed,
    close(): Promise<void> {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
    },
  };
}
