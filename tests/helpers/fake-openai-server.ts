/**
 * A local fake of an OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, llama.cpp all
 * speak this wire format), loopback only: it binds 127.0.0.1 on an ephemeral port.
 *
 * Endpoints:
 * - `POST /v1/chat/completions` (JSON: model, messages, temperature, seed, max_tokens,
 *   response_format, stream) → `chat.completion` with `choices[0].message.content` and `usage`.
 *   `stream: true` is refused (400): Tilmash never streams.
 * - `GET /v1/models` → `{ object: 'list', data: [{ id, object: 'model', created, owned_by }] }`.
 * Anything else: 404 with an OpenAI error body `{ error: { message, type, param, code } }`.
 *
 * The fake reads the batch the way a model would: the last user message is the JSON payload
 * (`segments: [{ id, text }]`), the target language is named in the system prompt ("… into
 * Kazakh."). Each text is "translated" by `translate` (default: `fakeTranslation`), tags `<…>` and
 * markers `⟦…⟧` kept as they are. `usage` counts tokens with o200k_base, as OpenAI's chat format
 * does (each message's content + 4, + 3).
 *
 * Order of checks: body read → injected fault → auth (401) → model (404) → parameters (400) →
 * rate limit (429) → 200 after `latencyMs + latencyMsPer1000Chars × source characters / 1000`.
 */
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { countTokens } = require('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens: (text: string) => number };

export type OpenAiFault =
  | { kind: 'status'; status: 400 | 401 | 402 | 403 | 404 | 429 | 500 | 502 | 503; retryAfterSeconds?: number; code?: string }
  | { kind: 'hang' } // accept, never answer (until close)
  | { kind: 'malformed-json' } // 200, content is not JSON
  | { kind: 'missing-id' } // 200, the last translation left out
  | { kind: 'extra-id' } // 200, one translation with an id that was not asked
  | { kind: 'untranslated' } // 200, every Russian text sent back as it is
  | { kind: 'mangle-placeholder' } // 200, every `<x id="N"/>` and `⟦N⟧` renumbered
  | { kind: 'wrong-script' } // 200, Latin letters for kk, Cyrillic for zh, Cyrillic for en
  | { kind: 'truncated' } // 200, finish_reason 'length' and the JSON cut
  | { kind: 'ok' }; // normal service (to place a fault after some good answers)

export interface FakeOpenAiOptions {
  /** Accepted key (`Authorization: Bearer <key>`); undefined: any or none (a local server). */
  apiKey?: string;
  /** Models listed and served. @default ['gpt-4o-mini'] */
  models?: string[];
  /** Fixed latency of every completion (ms). */
  latencyMs?: number;
  /** Latency per 1,000 characters of segment text (ms): a model's generation time grows with the text. */
  latencyMsPer1000Chars?: number;
  /** At most `requests` completions per `perMs` (sliding); above it 429 with `retry-after`. */
  rateLimit?: { requests: number; perMs: number; retryAfterSeconds?: number };
  /** The server has no structured output: `response_format` json_schema gives 400. */
  rejectJsonSchema?: boolean;
  /** Leave `usage` out of answers (some local servers do). */
  omitUsage?: boolean;
  /** Translation of one text; default `fakeTranslation`. */
  translate?: (text: string, target: string) => string;
  /** A fault applied to every completion for this target language name (`Kazakh`): a persistent bad model. */
  persistent?: { target: string; fault: OpenAiFault };
}

export interface RecordedCompletion {
  at: number;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed request body. */
  body: { model?: string; messages?: Array<{ role: string; content: string }>; temperature?: number; seed?: number; max_tokens?: number; response_format?: { type: string }; stream?: boolean };
  /** From the system prompt: `English`, `Kazakh`, `Simplified Chinese`… */
  target: string;
  /** The batch's segments as sent. */
  segments: Array<{ id: string; text: string; context?: number }>;
  /** Characters of all message contents, and of the segments' texts. */
  promptChars: number;
  segmentChars: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface FakeOpenAi {
  /** e.g. http://127.0.0.1:PORT/v1 (the SDK's baseURL). */
  baseURL: string;
  /** Every request (any path), in arrival order. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** The chat-completion requests, in arrival order. */
  completions: RecordedCompletion[];
  /** The next N completions get these, in order (then normal service). */
  inject(...faults: OpenAiFault[]): void;
  /** Tokens of every answered (200) completion. */
  usage(): { promptTokens: number; completionTokens: number };
  close(): Promise<void>;
}

const LATIN: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya'.split(' ').map((p) => p.split(':') as [string, string]),
);
const latin = (text: string) => text.replace(/[а-яё]/giu, (c) => {
  const l = LATIN[c.toLowerCase()] ?? c;
  return c === c.toLowerCase() ? l : l.charAt(0).toUpperCase() + l.slice(1);
});

/** Applies `f` to the text between tags and markers, never to `<…>`, `⟦…⟧` or entities. */
export function outsideTags(text: string, f: (part: string) => string): string {
  return text.split(/(<[^<>]*>|⟦[^⟦⟧]*⟧|&[A-Za-z0-9#]+;)/).map((part, i) => (i % 2 === 1 ? part : f(part))).join('');
}

/**
 * A deterministic stand-in for a model that translates into the right script: English
 * transliterates (`Астана` → `Astana`), Kazakh prefixes `Қаз:` and writes ә for а, Chinese writes
 * 文 for every Cyrillic word. Digits, punctuation, tags and markers are kept.
 */
export function fakeTranslation(text: string, target: string): string {
  if (/Chinese/.test(target)) return outsideTags(text, (part) => part.replace(/[\p{Script=Cyrillic}]+/gu, '文').replace(/ (?=文)|(?<=文) /g, ''));
  if (/Kazakh/.test(target)) return `Қаз: ${outsideTags(text, (part) => part.replace(/а/g, 'ә'))}`;
  return outsideTags(text, latin);
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: FakeOpenAi['requests'] = [];
  const completions: RecordedCompletion[] = [];
  const faults: OpenAiFault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const admitted: number[] = [];
  const models = options.models ?? ['gpt-4o-mini'];
  const render = options.translate ?? fakeTranslation;
  const totals = { promptTokens: 0, completionTokens: 0 };
  let closed = false;

  const send = (res: ServerResponse, status: number, body: unknown, record: { status: number }, headers: Record<string, string> = {}, delay = 0) => {
    const payload = JSON.stringify(body);
    const write = () => {
      if (closed || res.destroyed) return;
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)), ...headers });
      res.end(payload);
    };
    if (delay <= 0) return write();
    const t = setTimeout(() => {
      timers.delete(t);
      write();
    }, delay);
    timers.add(t);
  };
  const error = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    requests.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    req.on('end', () => {
      if (closed) return;
      if (entry.method === 'GET' && entry.path === '/v1/models') {
        return send(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'tilmash-tests' })) }, entry);
      }
      if (entry.method !== 'POST' || entry.path !== '/v1/chat/completions') return send(res, 404, error(`Not found: ${entry.method} ${entry.path}`, 'invalid_request_error'), entry);
      complete(req, res, Buffer.concat(chunks).toString('utf8'), entry);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function complete(req: IncomingMessage, res: ServerResponse, raw: string, entry: { status: number }): void {
    let body: RecordedCompletion['body'];
    try {
      body = JSON.parse(raw) as RecordedCompletion['body'];
    } catch {
      return send(res, 400, error('We could not parse the JSON body of your request.', 'invalid_request_error'), entry);
    }
    const messages = body.messages ?? [];
    const system = messages.find((m) => m.role === 'system')?.content ?? '';
    const target = /into ([^.\n]+)\./.exec(system)?.[1]?.trim() ?? 'English';
    const last = messages.at(-1)?.content ?? '';
    let segments: RecordedCompletion['segments'] = [];
    try {
      segments = ((JSON.parse(last) as { segments?: RecordedCompletion['segments'] }).segments ?? []).map((s) => ({ ...s }));
    } catch {
      // not a Tilmash batch: answered with no translations
    }
    const record: RecordedCompletion = {
      at: performance.now(),
      status: 0,
      headers: { ...req.headers },
      body,
      target,
      segments,
      promptChars: messages.reduce((n, m) => n + [...m.content].length, 0),
      segmentChars: segments.reduce((n, s) => n + [...s.text].length, 0),
    };
    completions.push(record);
    const fault = faults.shift() ?? (options.persistent && options.persistent.target === target ? options.persistent.fault : undefined);
    if (fault?.kind === 'hang') return; // never answered
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      const type = fault.status === 429 ? 'rate_limit_exceeded' : fault.status >= 500 ? 'server_error' : 'invalid_request_error';
      return send(res, fault.status, error(`Injected ${fault.status}`, type, fault.code ?? null), record, headers);
    }
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(res, 401, error('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'), record);
    }
    if (!body.model || !models.includes(body.model)) return send(res, 404, error(`The model \`${body.model}\` does not exist.`, 'invalid_request_error', 'model_not_found'), record);
    if (body.stream) return send(res, 400, error('This fake never streams.', 'invalid_request_error'), record);
    if (options.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      return send(res, 400, error("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'invalid_request_error'), record);
    }
    if (options.rateLimit) {
      const now = performance.now();
      while (admitted.length > 0 && (admitted[0] as number) <= now - options.rateLimit.perMs) admitted.shift();
      if (admitted.length >= options.rateLimit.requests) {
        return send(res, 429, error('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), record, { 'retry-after': String(options.rateLimit.retryAfterSeconds ?? 0) });
      }
      admitted.push(now);
    }
    let translations = segments.map((s) => ({ id: s.id, text: render(s.text, target) }));
    let content: string;
    let finish = 'stop';
    if (fault?.kind === 'missing-id') translations = translations.slice(0, -1);
    if (fault?.kind === 'extra-id') translations = [...translations, { id: 'x99', text: 'Extra.' }];
    if (fault?.kind === 'untranslated') translations = segments.map((s) => ({ id: s.id, text: s.text }));
    if (fault?.kind === 'mangle-placeholder') translations = translations.map((t) => ({ id: t.id, text: t.text.replace(/<x id="(\d+)"\/>/g, '<x id="9$1"/>').replace(/⟦(\d+)⟧/g, '⟦9$1⟧') }));
    if (fault?.kind === 'wrong-script') translations = segments.map((s) => ({ id: s.id, text: /Chinese|English/.test(target) ? `Перевод: ${s.text}` : outsideTags(s.text, latin) }));
    content = JSON.stringify({ translations });
    if (fault?.kind === 'malformed-json') content = `Sure! Here are the translations: {"translations": [{"id": "1", "text": ${JSON.stringify(translations[0]?.text ?? '')}`;
    if (fault?.kind === 'truncated') {
      content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
      finish = 'length';
    }
    const promptTokens = messages.reduce((n, m) => n + countTokens(m.content) + 4, 3);
    const completionTokens = countTokens(content);
    totals.promptTokens += promptTokens;
    totals.completionTokens += completionTokens;
    record.usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens };
    const answer = {
      id: `chatcmpl-${completions.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: 'fp_tilmash_fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finish }],
      ...(options.omitUsage ? {} : { usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }),
    };
    const delay = (options.latencyMs ?? 0) + ((options.latencyMsPer1000Chars ?? 0) * record.segmentChars) / 1000;
    send(res, 200, answer, record, {}, delay);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    completions,
    inject: (...more) => faults.push(...more),
    usage: () => ({ ...totals }),
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
