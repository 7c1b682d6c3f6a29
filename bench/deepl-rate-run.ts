/**
 * Standalone entry of the adaptive rate benchmark (compiled to dist/bench/deepl-rate-run.js).
 *
 * Usage: node dist/bench/deepl-rate-run.js
 */
import { cpus } from 'node:os';
import { formatRateBench, RATE_LATENCY_MS, runRateBench } from './deepl-rate-bench.js';
import { nproc } from './measure.js';

async function main(): Promise<void> {
  const started = Date.now();
  console.log('Tilmash adaptive rate benchmark (default engine config, DeepL adapter)');
  console.log(`date ${new Date().toISOString()}; node ${process.version}; ${process.platform}/${process.arch}; nproc ${nproc()}; ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`fake DeepL: latency ${RATE_LATENCY_MS} ms, unlimited (the pipeline's own capacity), then limited at 10 and at 20 requests per 1000 ms (sliding window over arrivals of every request, usage and glossaries included; 429 without Retry-After above it)\n`);
  console.log(formatRateBench(await runRateBench()));
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
