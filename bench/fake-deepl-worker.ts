/**
 * The fake DeepL server in its own thread, so its arrival clock and its answers do not wait for the
 * job's event loop (QA, TM writes) — as a real server never does. Messages: `{ collect: true }` →
 * the requests so far; `{ close: true }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { startFakeDeepl, type FakeDeeplOptions } from '../tests/helpers/fake-deepl-server.js';

export interface WorkerRequest {
  /** Epoch milliseconds (fractional) of the request's arrival: comparable across threads. */
  at: number;
  path: string;
  status: number;
}

const server = await startFakeDeepl(workerData as FakeDeeplOptions);
parentPort?.postMessage({ url: server.url });
parentPort?.on('message', (message: { collect?: boolean; close?: boolean }) => {
  if (message.collect) {
    const requests: WorkerRequest[] = server.requests.map((r) => ({ at: performance.timeOrigin + r.at, path: r.path, status: r.status }));
    parentPort?.postMessage({ requests });
  }
  if (message.close) void server.close().then(() => process.exit(0));
});
