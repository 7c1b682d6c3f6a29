import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReviewFilter, ReviewUnit } from './review-query.js';
import { reviewAppHtml } from './review-app-html.js';

/** A unit as the page gets it: its review data; `suggestions` (per segment) are filled by /api/suggestions. */
export interface UnitView extends ReviewUnit {
  suggestions: Array<Array<{ source: string; target: string; similarity: number; origin: string }>>;
}

type Ref = { locale: string; namespace: string; key: string };

/** What the server serves; the review workflow implements it (src/workflows/review/review-service.ts). */
export interface ReviewBackend {
  units(filter: ReviewFilter, offset: number, limit: number): Promise<{ total: number; matched: number; offset: number; units: UnitView[]; version: string; base: string; locales: string[] }>;
  /** Per segment of the unit: fuzzy matches of the same family above the threshold (asked when the unit is shown). */
  suggestions(ref: Ref): Promise<UnitView['suggestions']>;
  qa(ref: Ref, targets: unknown): Promise<{ segments: unknown[][]; message: unknown[] }>;
  save(request: Ref & { action: 'save' | 'approve' | 'reject' | 'comment'; targets?: unknown; comment?: string; version: string }): Promise<{ ok: boolean; version?: string; unit?: UnitView; message?: string }>;
}

export interface ReviewServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: the only address that opens the page. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * The local review server: node:http on 127.0.0.1 only, a random per-launch token required on every
 * request (the page's URL carries it; API calls send it in `X-Tilmash-Token`, which another origin's
 * page cannot set without a CORS preflight this server never grants), the Host header checked
 * (no DNS rebinding), JSON bodies only, and a Content-Security-Policy that lets the page talk to
 * this server alone.
 */
export async function startReviewServer(backend: ReviewBackend, options: { port?: number; title: string }): Promise<ReviewServer> {
  const site: Site = { backend, title: options.title, token: randomBytes(24).toString('base64url'), port: 0 };
  const server: Server = createServer((request, response) => {
    handle(site, request, response).catch((error: unknown) => send(response, 500, { ok: false, message: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  site.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${site.port}/?token=${site.token}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** What every request is checked against and served from. */
interface Site {
  backend: ReviewBackend;
  title: string;
  token: string;
  port: number;
}

async function handle(site: Site, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const host = request.headers.host ?? '';
  if (host !== `127.0.0.1:${site.port}` && host !== `localhost:${site.port}`) return send(response, 421, { ok: false, message: 'wrong Host' });
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (request.method === 'GET' && url.pathname === '/') {
    if (!sameToken(url.searchParams.get('token'), site.token)) return send(response, 403, { ok: false, message: 'This review server needs the address it printed (with its token).' });
    const page = reviewAppHtml(site.title);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': page.csp, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    response.end(page.html);
    return;
  }
  if (!url.pathname.startsWith('/api/')) return send(response, 404, { ok: false, message: 'not found' });
  if (!sameToken(header(request, 'x-tilmash-token'), site.token)) return send(response, 403, { ok: false, message: 'missing or wrong token' });
  const p = url.searchParams;
  if (request.method === 'GET' && url.pathname === '/api/units') {
    const limit = Math.min(200, Math.max(1, Number(p.get('limit') ?? 50) || 50));
    return send(response, 200, await site.backend.units(unitsFilter(p), Number(p.get('offset') ?? 0) || 0, limit));
  }
  if (request.method === 'GET' && url.pathname === '/api/suggestions') {
    return send(response, 200, await site.backend.suggestions({ locale: p.get('locale') ?? '', namespace: p.get('namespace') ?? '', key: p.get('key') ?? '' }));
  }
  if (request.method !== 'POST') return send(response, 405, { ok: false, message: 'method not allowed' });
  if (!(header(request, 'content-type') ?? '').startsWith('application/json')) return send(response, 415, { ok: false, message: 'JSON only' });
  return post(site.backend, url.pathname, request, response);
}

function unitsFilter(p: URLSearchParams): ReviewFilter {
  return {
    ...(p.get('locale') ? { locale: p.get('locale') as string } : {}),
    ...(p.get('status') ? { status: p.get('status') as string } : {}),
    ...(p.get('origin') ? { origin: p.get('origin') as string } : {}),
    ...(p.get('severity') ? { severity: p.get('severity') as string } : {}),
    ...(p.get('changed') === '1' ? { changed: true } : {}),
    ...(p.get('q') ? { q: p.get('q') as string } : {}),
  };
}

/** `POST /api/qa` and `POST /api/save`, JSON bodies. */
async function post(backend: ReviewBackend, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson(request);
  if (body === undefined) return send(response, 400, { ok: false, message: 'the body is not a JSON object' });
  const ref = { locale: String(body.locale ?? ''), namespace: String(body.namespace ?? ''), key: String(body.key ?? '') };
  try {
    if (pathname === '/api/qa') return send(response, 200, await backend.qa(ref, body.targets));
    if (pathname === '/api/save') {
      const action = body.action;
      if (action !== 'save' && action !== 'approve' && action !== 'reject' && action !== 'comment') return send(response, 400, { ok: false, message: 'action must be save, approve, reject or comment' });
      const result = await backend.save({ ...ref, action, targets: body.targets, ...(typeof body.comment === 'string' ? { comment: body.comment } : {}), version: String(body.version ?? '') });
      return send(response, result.ok ? 200 : 409, result);
    }
  } catch (error) {
    // A request naming an unknown key or the wrong number of texts: the page shows the message.
    if (error instanceof Error && error.name === 'TilmashError') return send(response, 400, { ok: false, message: error.message });
    throw error;
  }
  return send(response, 404, { ok: false, message: 'not found' });
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
