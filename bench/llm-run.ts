/**
 * Standalone entry of the LLM path benchmark (compiled to dist/bench/llm-run.js).
 *
 * Usage: node dist/bench/llm-run.js [--sizes 1000,10000] [--concurrency 8] [--latency-per-1000-chars 100] [--max-skew-ms 250]
 */
import { cpus } from 'node:os';
import { DEFAULT_LATENCY_PER_1000_CHARS, formatLlmBench, LATENCY_MS, RATE_PER_MS, RATE_REQUESTS, runLlmBench } from './llm-bench.js';
import { nproc } from './measure.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = flag('--sizes')?.split(',').map(Number);
  const concurrency = flag('--concurrency');
  const latency = Number(flag('--latency-per-1000-chars') ?? DEFAULT_LATENCY_PER_1000_CHARS);
  const started = Date.now();
  console.log('Tilmash LLM path benchmark');
  console.log(`date ${new Date().toISOString()}; node ${process.version}; ${process.platform}/${process.arch}; nproc ${nproc()}; ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`fake OpenAI-compatible server: latency ${LATENCY_MS} ms + ${latency} ms per 1,000 characters of segment text, ${RATE_REQUESTS} requests per ${RATE_PER_MS} ms (sliding window, 429 + Retry-After 1 above it)\n`);
  const skew = flag('--max-skew-ms');
  const results = await runLlmBench({ ...(sizes ? { sizes } : {}), ...(concurrency ? { concurrency: Number(concurrency) } : {}), latencyPer1000Chars: latency, ...(skew ? { maxSkewMs: Number(skew) } : {}) });
  console.log(formatLlmBench(results));
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
