/**
 * A local fake of the DeepL API v2 that speaks the real wire format (as sent and parsed by
 * deepl-node 1.28). Loopback only: it binds 127.0.0.1 on an ephemeral port.
 *
 * Endpoints:
 * - `POST /v2/translate` (form-urlencoded with repeated `text=`, or JSON with `text: string[]`)
 * - `GET|POST /v2/usage`
 * - `GET|POST /v2/languages?type=source|target`
 * - `GET /v2/glossary-language-pairs` (every pair of GLOSSARY_LANGUAGES: no Kazakh)
 * - `GET /v2/glossaries` → `{ glossaries: [info…] }`; `POST /v2/glossaries` (name, source_lang,
 *   target_lang, entries, entries_format tsv|csv) → 201 info; `GET|DELETE /v2/glossaries/{id}`
 *   (200 info / 204); `GET /v2/glossaries/{id}/entries` → TSV. Unknown id → 404.
 * Anything else answers 404 `{"message":"Not found"}`.
 *
 * Translation: `translate(text, target)` (default `[EN-US] text`: the prefix goes before the whole
 * text, so with `tag_handling=xml` every tag is kept as sent), then, with `glossary_id`, every
 * glossary source term in the output is replaced by its target (exact, case-sensitive, longest
 * first), then the `mangle` fault, if any. With `tag_handling=xml` the texts must be well-formed
 * XML fragments (balanced tags, `&` and `<` escaped) as DeepL's strict tag handling (v2) demands,
 * else 400 `Tag handling parsing failed, please check input.` A `glossary_id` needs `source_lang`
 * and a glossary of the request's (base) language pair, else 400; an unknown id gives 404.
 *
 * Order of checks on `/v2/translate`: body read (bounded) → injected fault → auth (403) →
 * body size (413) → parameters (400) → rate limit (429) → quota (456) → 200.
 * `latencyMs` delays every `/v2/translate` answer (errors included; not `hang`/`reset`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface FakeDeeplOptions {
  /** Fixed latency added to every /v2/translate response (ms). */
  latencyMs?: number;
  /**
   * Rate limit: at most `requests` translate requests per `perMs` window (sliding, over arrivals of
   * admitted requests); above it answer 429. `counts: 'all'`: every request counts and can be
   * refused (usage, languages, glossaries too), as DeepL counts them. @default counts 'translate'
   */
  rateLimit?: { requests: number; perMs: number; retryAfterSeconds?: number; counts?: 'translate' | 'all' };
  /** Characters allowed before 456 (quota). */
  characterLimit?: number;
  /** Accepted auth key (header `Authorization: DeepL-Auth-Key <key>`); anything else → 403. */
  authKey?: string;
  /** Translation function; default: `[${target_lang}] ${text}` (target_lang upper-cased, e.g. `EN-US`). */
  translate?: (text: string, targetLang: string) => string;
  /**
   * How MT breaks protected text, applied to every answered text (after the glossary) of every
   * translate request, or `only` those with (`xml`) or without (`text`) `tag_handling=xml`.
   * See `mangleText`.
   */
  mangle?: { mode: MangleMode; only?: 'xml' | 'text' };
}

export type MangleMode = 'placeholders' | 'drop-tags' | 'icu-keywords' | 'reorder-tags' | 'misnest-tags';

/** A glossary as the fake holds it: DeepL's v2 glossary info plus its entries. */
export interface FakeGlossary {
  glossary_id: string;
  name: string;
  ready: boolean;
  source_lang: string;
  target_lang: string;
  creation_time: string;
  entry_count: number;
  entries: Array<[string, string]>;
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
  | { kind: 'wrong-count' } // 200 with one translation fewer than texts
  | { kind: 'echo-headers'; status: 400 | 500 }; // an error whose text copies the request headers (as some proxies do)

/**
 * A fault of the glossary endpoints (`/v2/glossaries…`): the next request with this method (any when
 * absent) is answered with `status` and `{ message }` (default `Injected glossary fault: <status>`).
 */
export interface GlossaryFault {
  status: 400 | 403 | 404 | 456 | 500 | 503;
  method?: 'GET' | 'POST' | 'DELETE';
  message?: string;
}

export interface FakeDeepl {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** The `/v2/translate` requests, in arrival order (`form.tag_handling`, `form.glossary_id` as sent). */
  translateRequests(): RecordedRequest[];
  /** The glossaries the fake holds now, in creation order (copies). */
  glossaries(): FakeGlossary[];
  /** Queue faults: the next N /v2/translate requests get these, in order (then normal service). */
  inject(...faults: Fault[]): void;
  /** Queue glossary faults: each answers the next glossary request of its method (in order). */
  injectGlossary(...faults: GlossaryFault[]): void;
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

/** Languages of v2 glossaries (base codes, lower-case as DeepL answers them): Kazakh is text-only. */
export const GLOSSARY_LANGUAGES: readonly string[] = SOURCE_LANGUAGES.map((l) => l.language.toLowerCase()).filter((l) => l !== 'kk');

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
  const glossaryFaults: GlossaryFault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const admitted: number[] = []; // arrival times of translate requests admitted by the rate limiter
  const characterLimit = options.characterLimit ?? DEFAULT_CHARACTER_LIMIT;
  const render = options.translate ?? ((text: string, target: string) => `[${target}] ${text}`);
  let billed = 0;
  let closed = false;
  const glossaries = new Map<string, FakeGlossary>();

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
      if (status === 204) {
        res.writeHead(204);
        res.end();
        return;
      }
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

  /** Above the rate limit: answers 429 and returns true; else admits the request (counts it). */
  function refusedByRate(res: ServerResponse, record: RecordedRequest, latency = 0): boolean {
    if (options.rateLimit === undefined) return false;
    const now = performance.now();
    while (admitted.length > 0 && now - admitted[0]! >= options.rateLimit.perMs) admitted.shift();
    if (admitted.length >= options.rateLimit.requests) {
      const headers: Record<string, string> = options.rateLimit.retryAfterSeconds !== undefined ? { 'Retry-After': String(options.rateLimit.retryAfterSeconds) } : {};
      send(res, record, 429, { message: 'Too many requests' }, headers, latency);
      return true;
    }
    admitted.push(now);
    return false;
  }

  function handle(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, url: URL, form: Record<string, string | string[]> | null, tooLarge: boolean): void {
    const path = url.pathname.replace(/\/+$/, '');
    if (options.rateLimit?.counts === 'all' && path !== '/v2/translate' && refusedByRate(res, record)) return;
    if (path === '/v2/translate') return handleTranslate(req, res, record, form, tooLarge);
    if (path === '/v2/glossary-language-pairs' || path === '/v2/glossaries' || path.startsWith('/v2/glossaries/')) {
      if (!authorized(req)) return send(res, record, 403, { message: 'Authorization failure' });
      if (tooLarge) return send(res, record, 413, { message: 'Request Entity Too Large' });
      const at = glossaryFaults.findIndex((f) => f.method === undefined || f.method === record.method);
      if (at >= 0) {
        const [fault] = glossaryFaults.splice(at, 1) as [GlossaryFault];
        return send(res, record, fault.status, { message: fault.message ?? `Injected glossary fault: ${fault.status}` });
      }
      return handleGlossaries(res, record, path, form ?? { text: [] });
    }

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

  function handleGlossaries(res: ServerResponse, record: RecordedRequest, path: string, form: Record<string, string | string[]>): void {
    const method = record.method;
    if (path === '/v2/glossary-language-pairs') {
      if (method !== 'GET') return send(res, record, 405, { message: 'Method not allowed' });
      const pairs = GLOSSARY_LANGUAGES.flatMap((source) => GLOSSARY_LANGUAGES.filter((t) => t !== source).map((target) => ({ source_lang: source, target_lang: target })));
      return send(res, record, 200, { supported_languages: pairs });
    }
    if (path === '/v2/glossaries') {
      if (method === 'GET') return send(res, record, 200, { glossaries: [...glossaries.values()].map(glossaryInfo) });
      if (method !== 'POST') return send(res, record, 405, { message: 'Method not allowed' });
      return createGlossary(res, record, form);
    }
    const match = /^\/v2\/glossaries\/([^/]+)(\/entries)?$/.exec(path);
    const glossary = match ? glossaries.get(decodeURIComponent(match[1]!)) : undefined;
    if (match === null) return send(res, record, 404, { message: 'Not found' });
    if (glossary === undefined) return send(res, record, 404, { message: 'Glossary not found' });
    if (match[2] !== undefined) {
      if (method !== 'GET') return send(res, record, 405, { message: 'Method not allowed' });
      const tsv = glossary.entries.map(([source, target]) => `${source}\t${target}`).join('\n');
      return send(res, record, 200, tsv, { 'Content-Type': 'text/tab-separated-values; charset=utf-8' });
    }
    if (method === 'GET') return send(res, record, 200, glossaryInfo(glossary));
    if (method === 'DELETE') {
      glossaries.delete(glossary.glossary_id);
      return send(res, record, 204, '');
    }
    return send(res, record, 405, { message: 'Method not allowed' });
  }

  function createGlossary(res: ServerResponse, record: RecordedRequest, form: Record<string, string | string[]>): void {
    const name = first(form.name);
    const sourceLang = first(form.source_lang)?.toLowerCase();
    const targetLang = first(form.target_lang)?.toLowerCase();
    const format = first(form.entries_format) ?? 'tsv';
    const raw = first(form.entries);
    for (const [key, value] of [['name', name], ['source_lang', sourceLang], ['target_lang', targetLang], ['entries', raw]] as const) {
      if (value === undefined || value === '') return send(res, record, 400, { message: `Parameter '${key}' not specified.` });
    }
    if (!GLOSSARY_LANGUAGES.includes(sourceLang!) || !GLOSSARY_LANGUAGES.includes(targetLang!) || sourceLang === targetLang) {
      return send(res, record, 400, { message: 'Unsupported glossary source and target language pair.' });
    }
    if (format !== 'tsv' && format !== 'csv') return send(res, record, 400, { message: "Value for 'entries_format' not supported." });
    const entries: Array<[string, string]> = [];
    for (const line of raw!.split(/\r\n|\n|\r/)) {
      if (line.trim() === '') continue;
      const cells = format === 'tsv' ? line.split('\t') : line.split(',');
      const [source, target] = cells.map((c) => c.trim());
      if (cells.length < 2 || (format === 'tsv' && cells.length > 2) || !source || !target) {
        return send(res, record, 400, { message: 'Invalid glossary entries provided', detail: `Bad entry: ${line}` });
      }
      if (entries.some(([s]) => s === source)) return send(res, record, 400, { message: 'Invalid glossary entries provided', detail: `Duplicate source term: ${source}` });
      entries.push([source, target]);
    }
    if (entries.length === 0) return send(res, record, 400, { message: 'Invalid glossary entries provided', detail: 'No entries' });
    const glossary: FakeGlossary = {
      glossary_id: randomUUID(),
      name: name!,
      ready: true,
      source_lang: sourceLang!,
      target_lang: targetLang!,
      creation_time: new Date().toISOString(),
      entry_count: entries.length,
      entries,
    };
    glossaries.set(glossary.glossary_id, glossary);
    return send(res, record, 201, glossaryInfo(glossary));
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
        case 'echo-headers':
          return send(res, record, fault.status, { message: `Bad request; you sent headers ${JSON.stringify(req.headers)}`, detail: `authorization=${req.headers.authorization ?? ''}` }, {}, latency);
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

    const tagHandling = first(form.tag_handling);
    if (tagHandling !== undefined && tagHandling !== 'xml' && tagHandling !== 'html') {
      return send(res, record, 400, { message: "Value for 'tag_handling' not supported." }, {}, latency);
    }
    if (tagHandling === 'xml' && texts.some((t) => xmlProblem(t) !== undefined)) {
      return send(res, record, 400, { message: 'Tag handling parsing failed, please check input.' }, {}, latency);
    }
    const glossaryId = first(form.glossary_id);
    let glossary: FakeGlossary | undefined;
    if (glossaryId !== undefined) {
      if (source === undefined || source === '') return send(res, record, 400, { message: "Use of a glossary requires the 'source_lang' parameter to be specified." }, {}, latency);
      glossary = glossaries.get(glossaryId);
      if (glossary === undefined) return send(res, record, 404, { message: 'Glossary not found' }, {}, latency);
      if (glossary.source_lang !== source.toLowerCase() || glossary.target_lang !== target.split('-')[0]!.toLowerCase()) {
        return send(res, record, 400, { message: `No dictionary found for language pair ${source.toLowerCase()}-${target} in glossary` }, {}, latency);
      }
    }

    if (refusedByRate(res, record, latency)) return;

    const counts = texts.map(codePoints);
    const requestChars = counts.reduce((a, b) => a + b, 0);
    if (billed + requestChars > characterLimit) {
      return send(res, record, 456, { message: 'Quota exceeded' }, {}, latency);
    }

    const showBilled = first(form.show_billed_characters);
    const withBilled = showBilled === '1' || showBilled === 'true';
    const mangle = options.mangle;
    const mangles = mangle !== undefined && (mangle.only === undefined || (mangle.only === 'xml') === (tagHandling === 'xml'));
    const answer = (text: string): string => {
      // Like DeepL, the glossary decides the terms of the source; the rest is translated around them.
      const out = render(glossary !== undefined ? applyGlossary(text, glossary.entries) : text, target);
      return mangles && mangle !== undefined ? mangleText(mangle.mode, out) : out;
    };
    let translations = texts.map((text, i) => ({
      detected_source_language: source !== undefined && source !== '' ? source : detectLanguage(text),
      text: answer(text),
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
    translateRequests: () => requests.filter((r) => r.path.replace(/\/+$/, '') === '/v2/translate'),
    glossaries: () => [...glossaries.values()].map((g) => ({ ...g, entries: g.entries.map(([a, b]): [string, string] => [a, b]) })),
    inject(...f: Fault[]): void {
      faults.push(...f);
    },
    injectGlossary(...f: GlossaryFault[]): void {
      glossaryFaults.push(...f);
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

function glossaryInfo(glossary: FakeGlossary): Omit<FakeGlossary, 'entries'> {
  const { entries: _entries, ...info } = glossary;
  return info;
}

/** Replaces every glossary source term in `text` by its target: exact, case-sensitive, longest first, one pass. */
export function applyGlossary(text: string, entries: ReadonlyArray<readonly [string, string]>): string {
  if (entries.length === 0) return text;
  const targets = new Map(entries.map(([source, target]) => [source, target]));
  const alternatives = [...targets.keys()].sort((a, b) => b.length - a.length).map((source) => source.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  return text.replace(new RegExp(alternatives.join('|'), 'gu'), (source) => targets.get(source) ?? source);
}

/** Why a text is not a well-formed XML fragment (DeepL's strict tag handling), or undefined. */
export function xmlProblem(text: string): string | undefined {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/g;
  for (const match of text.matchAll(token)) {
    if (match[0] === '<') return `unescaped < at offset ${match.index}`;
    if (match[0] === '&') return `unescaped & at offset ${match.index}`;
    const [, close, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return `unexpected </${name}> at offset ${match.index}`;
  }
  return stack.length > 0 ? `<${stack[stack.length - 1]}> is never closed` : undefined;
}

// ---------------------------------------------------------------------------------------------
// Mangle faults: how MT breaks protected text.

const RUSSIAN_NAMES: Readonly<Record<string, string>> = { name: 'имя', count: 'количество', user: 'пользователь', date: 'дата', total: 'всего', n: 'н' };
const ICU_WORDS: Readonly<Record<string, string>> = {
  plural: 'множественное',
  select: 'выбор',
  selectordinal: 'порядковое',
  zero: 'ноль',
  one: 'один',
  two: 'два',
  few: 'несколько',
  many: 'много',
  other: 'другой',
};

/**
 * One MT fault applied to an answered text:
 * - `placeholders`: `<x id="N"/>` → `<x id="N+1"/>`, `⟦N⟧` → `[N]` (and `⟦/N⟧` → `[/N]`),
 *   `{{name}}` → `{{имя}}`, `{name}` (and an ICU argument `{name,`) → `{имя}` (other names get a
 *   Russian word too, `имя` by default), `#` → `№` (not in `&#…;`);
 * - `drop-tags`: removes `<g …>`/`</g>`, the markers of paired sentinels `⟦N⟧…⟦/N⟧` and other
 *   opening/closing tags (`<b>`, `</0>`), keeping the text between them; self-closing tags and
 *   lone `⟦N⟧` placeholders stay;
 * - `icu-keywords`: inside `{…}`, the ICU type (`plural`, `select`, `selectordinal`) and the
 *   selectors (`zero`…`other`) before `{` are translated to Russian (`other` → `другой`);
 * - `reorder-tags`: swaps the first two sibling `<g>` elements (or sentinel pairs): valid XML;
 * - `misnest-tags`: moves the first closing `</g>` (or `⟦/N⟧`) right before its opening: invalid.
 */
export function mangleText(mode: MangleMode, text: string): string {
  switch (mode) {
    case 'placeholders':
      return text
        .replace(/<x id="(\d+)"\s*\/>/g, (_, n: string) => `<x id="${Number(n) + 1}"/>`)
        .replace(/⟦(\/?)(\d+)⟧/g, '[$1$2]')
        .replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (_, name: string) => `{{${russianName(name)}}}`)
        .replace(/\{(\s*)([A-Za-z_]\w*)(?=\s*[},])/g, (_, space: string, name: string) => `{${space}${russianName(name)}`)
        .replace(/(?<!&)#/g, '№');
    case 'drop-tags': {
      const paired = pairedSentinels(text);
      return text
        .replace(/<\/?(?:[A-Za-z][\w-]*|\d+)(?:\s[^<>]*?)?(?<!\/)>/g, '')
        .replace(/⟦\/?(\d+)⟧/g, (marker, id: string) => (paired.has(id) ? '' : marker));
    }
    case 'icu-keywords':
      return translateIcuKeywords(text);
    case 'reorder-tags':
      return reorderFirstSiblings(text);
    case 'misnest-tags':
      return misnestFirstPair(text);
  }
}

function russianName(name: string): string {
  return RUSSIAN_NAMES[name] ?? 'имя';
}

function pairedSentinels(text: string): Set<string> {
  const ids = new Set<string>();
  for (const match of text.matchAll(/⟦\/(\d+)⟧/g)) if (text.includes(`⟦${match[1]}⟧`)) ids.add(match[1]!);
  return ids;
}

function translateIcuKeywords(text: string): string {
  const depth: number[] = [];
  let level = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) depth.push(level);
    if (ch === '{') level++;
    else if (ch === '}') level = Math.max(0, level - 1);
  }
  return text
    .replace(/(\{\s*[^{},\s]+\s*,\s*)(plural|selectordinal|select)(?=\s*[,}])/g, (_, head: string, keyword: string) => head + ICU_WORDS[keyword]!)
    .replace(/(?<![\p{L}\p{N}_=])(zero|one|two|few|many|other)(?=\s*\{)/gu, (keyword: string, _k: string, offset: number) => ((depth[offset] ?? 0) >= 1 ? ICU_WORDS[keyword]! : keyword));
}

interface PairToken {
  open: boolean;
  start: number;
  end: number;
}

/** Opening and closing `<g>` tags and paired sentinel markers, in order. */
function pairTokens(text: string): PairToken[] {
  const paired = pairedSentinels(text);
  const tokens: PairToken[] = [];
  for (const match of text.matchAll(/<g\b[^<>]*?(?<!\/)>|<\/g>|⟦(\/?)(\d+)⟧/g)) {
    const isSentinel = match[2] !== undefined;
    if (isSentinel && !paired.has(match[2]!)) continue;
    const open = isSentinel ? match[1] === '' : !match[0].startsWith('</');
    tokens.push({ open, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

interface PairElement {
  start: number;
  end: number;
  parent: number;
}

function pairElements(text: string): { elements: PairElement[]; firstClose?: { open: PairToken; close: PairToken } } {
  const stack: Array<{ token: PairToken; index: number }> = [];
  const elements: PairElement[] = [];
  let opened = 0;
  let firstClose: { open: PairToken; close: PairToken } | undefined;
  for (const token of pairTokens(text)) {
    if (token.open) {
      stack.push({ token, index: opened++ });
      continue;
    }
    const open = stack.pop();
    if (open === undefined) continue;
    firstClose ??= { open: open.token, close: token };
    elements.push({ start: open.token.start, end: token.end, parent: stack[stack.length - 1]?.index ?? -1 });
  }
  elements.sort((a, b) => a.start - b.start);
  return { elements, ...(firstClose ? { firstClose } : {}) };
}

function reorderFirstSiblings(text: string): string {
  const { elements } = pairElements(text);
  for (const [k, a] of elements.entries()) {
    const b = elements.slice(k + 1).find((e) => e.parent === a.parent && e.start >= a.end);
    if (b === undefined) continue;
    return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
  }
  return text;
}

function misnestFirstPair(text: string): string {
  const { firstClose } = pairElements(text);
  if (firstClose === undefined) return text;
  const { open, close } = firstClose;
  return text.slice(0, open.start) + text.slice(close.start, close.end) + text.slice(open.start, close.start) + text.slice(close.end);
}
