/**
 * The fake OpenAI-compatible server in its own thread, so its work (parsing, counting tokens with
 * o200k_base, rendering answers) does not share the event loop with the job it serves — as a real
 * server never does. Messages: `{ collect: true }` → the completions so far; `{ close: true }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { startFakeOpenAi, type FakeOpenAiOptions } from '../tests/helpers/fake-openai-server.js';

export interface WorkerCompletion {
  /** Epoch milliseconds (fractional) of the request's arrival: comparable across threads. */
  at: number;
  status: number;
  segments: number;
  segmentChars: number;
  promptChars: number;
}

const server = await startFakeOpenAi(workerData as FakeOpenAiOptions);
parentPort?.postMessage({ baseURL: server.baseURL });
parentPort?.on('message', (message: { collect?: boolean; close?: boolean }) => {
  if (message.collect) {
    const completions: WorkerCompletion[] = server.completions.map((c) => ({ at: performance.timeOrigin + c.at, status: c.status, segments: c.segments.length, segmentChars: c.segmentChars, promptChars: c.promptChars }));
    parentPort?.postMessage({ completions });
  }
  if (message.close) void server.close().then(() => process.exit(0));
});
