import type { JobPlan } from '../job/plan-job.js';
import type { TranslationProgress } from '../job/translate-missing.js';
import type { QueueEvent } from '../queue/request-queue.js';
import type { CliIo } from './cli-io.js';
import { painter, type Paint } from './style.js';

/** A request in flight longer than this is shown as slow. */
export const SLOW_REQUEST_MS = 5000;
const BAR = 20;
const ESC = '\u001b[';

export interface ProgressReporter {
  /** The run's plan: the locales and how many segments each will send (their lines appear at once). */
  plan: (plan: JobPlan) => void;
  update: (progress: TranslationProgress) => void;
  queue: (event: QueueEvent & { engine?: string }) => void;
  finish: () => void;
}

interface LocaleState {
  done: number;
  total: number;
  /** Seconds from the start when the last segment arrived (its time stays put once done). */
  doneAfter?: number;
}

/** 75 → `1:15`; 3700 → `1:01:40`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/**
 * Progress of the engine phase. On a terminal (stderr): one line per locale and a total line, each
 * with a bar, percentage, rate (segments/s) and ETA, redrawn in place (every line cleared before it
 * is written, so nothing of a longer earlier line is left), plus what the queue is waiting for —
 * a 429 back-off with its seconds left and Retry-After, a retry, the rate cap, or a request slow to
 * answer. The display ticks every second while it waits. Off a terminal: one plain line per batch
 * received, and one per wait of a second or more (CI logs).
 */
export function createProgressReporter(io: CliIo, options: { now?: () => number; tickMs?: number } = {}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const view: View = { paint: painter(io, 'stderr'), now, started: now(), locales: new Map(), inFlight: new Map() };
  let drawnLines = 0;
  let timer: NodeJS.Timeout | undefined;

  const draw = () => {
    if (!io.isTty || view.locales.size === 0) return;
    const rows = renderRows(view);
    // Up to the first line drawn, then each line cleared and rewritten.
    const up = drawnLines > 0 ? `${ESC}${drawnLines}F` : '';
    io.stderr(`${up}${rows.map((row) => `${ESC}2K${row}\n`).join('')}`);
    drawnLines = rows.length;
  };
  const ticking = () => {
    if (!io.isTty || timer) return;
    timer = setInterval(draw, options.tickMs ?? 1000);
    timer.unref();
  };

  return {
    plan(plan) {
      for (const p of plan.locales) {
        const total = p.missing.filter((m) => m.source.trim() !== '').length;
        if (total > 0) view.locales.set(p.locale, { done: 0, total });
      }
      draw();
      if (view.locales.size > 0) ticking();
    },
    update(p) {
      if (!io.isTty) return io.stderr(`${p.locale}: ${p.done}/${p.total} segments translated\n`);
      view.locales.set(p.locale, { done: p.done, total: p.total, ...(p.done >= p.total ? { doneAfter: (now() - view.started) / 1000 } : {}) });
      draw();
      ticking();
    },
    queue(event) {
      if (event.type !== 'waiting') {
        const key = `${event.engine ?? ''}#${event.id}`;
        if (event.type === 'sent') view.inFlight.set(key, now());
        else view.inFlight.delete(key);
        return;
      }
      const text = describeWait(event);
      if (!io.isTty) {
        if (event.ms >= 1000) io.stderr(`${event.engine ? `${event.engine}: ` : ''}${text}: waiting ${Math.ceil(event.ms / 1000)} s\n`);
        return;
      }
      view.waiting = { until: now() + event.ms, text };
      draw();
    },
    finish() {
      if (timer) clearInterval(timer);
      timer = undefined;
      draw();
      drawnLines = 0;
      view.locales.clear();
    },
  };
}

/** What the display shows, kept between redraws. */
interface View {
  paint: Paint;
  now: () => number;
  started: number;
  locales: Map<string, LocaleState>;
  /** Requests sent and not yet answered, with their send time. */
  inFlight: Map<string, number>;
  waiting?: { until: number; text: string };
}

/** One line per locale, then the total with what the queue is waiting for. */
function renderRows(view: View): string[] {
  const rows = [...view.locales].map(([locale, s]) => renderLine(view, locale, s.done, s.total, s.doneAfter));
  const done = [...view.locales.values()].reduce((n, s) => n + s.done, 0);
  const total = [...view.locales.values()].reduce((n, s) => n + s.total, 0);
  const status = queueState(view);
  const lastDone = done >= total ? Math.max(...[...view.locales.values()].map((s) => s.doneAfter ?? 0)) : undefined;
  rows.push(`${renderLine(view, 'total', done, total, lastDone)}${status ? `  · ${status}` : ''}`);
  return rows;
}

function renderLine(view: View, label: string, done: number, total: number, doneAfter?: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * BAR);
  const elapsed = doneAfter ?? (view.now() - view.started) / 1000;
  const rate = elapsed > 0 ? done / elapsed : 0;
  const tail = done >= total ? `done in ${clock(elapsed)}` : rate > 0 ? `${rate.toFixed(1)} seg/s  ETA ${clock((total - done) / rate)}` : 'starting…';
  const bar = `${filled > 0 ? view.paint('green', '#'.repeat(filled)) : ''}${'-'.repeat(BAR - filled)}`;
  return `${label.padEnd(6)} [${bar}] ${`${Math.floor(ratio * 100)}%`.padStart(4)}  ${`${done}/${total}`.padStart(11)}  ${tail}`;
}

/** A wait with its seconds left, else requests slow to answer, else nothing. */
function queueState(view: View): string {
  const at = view.now();
  if (view.waiting && view.waiting.until > at) return view.paint('yellow', `${view.waiting.text}: ${Math.ceil((view.waiting.until - at) / 1000)} s left`);
  const slow = [...view.inFlight.values()].filter((sent) => at - sent >= SLOW_REQUEST_MS);
  if (slow.length > 0) return view.paint('yellow', `${slow.length} request(s) waiting for an answer for ${Math.floor((at - slow.reduce((a, b) => Math.min(a, b))) / 1000)} s`);
  return '';
}

function describeWait(event: Extract<QueueEvent, { type: 'waiting' }>): string {
  if (event.reason === 'rate-limit') {
    return `429 rate limit: backing off${event.retryAfterMs !== undefined ? ` (Retry-After ${Math.ceil(event.retryAfterMs / 1000)} s)` : ''}`;
  }
  if (event.reason === 'retry') return `retrying after ${event.status !== undefined ? `HTTP ${event.status}` : 'a failure'}`;
  if (event.reason === 'pace') return 'slowed down after a 429: pacing requests';
  return 'rate cap: pacing requests';
}
