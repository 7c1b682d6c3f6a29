/**
 * Standalone entry of the DeepL throughput benchmark (compiled to dist/bench/deepl-run.js).
 *
 * Usage: node dist/bench/deepl-run.js [--sizes 1000,10000] [--concurrency 4] [--keep] [--trace <dir>]
 */
import { cpus } from 'node:os';
import { formatDeeplBench, LATENCY_MS, RATE_PER_MS, RATE_REQUESTS, runDeeplBench } from './deepl-bench.js';
import { nproc } from './measure.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = flag('--sizes')?.split(',').map(Number);
  const concurrency = flag('--concurrency');
  const started = Date.now();
  console.log('Tilmash DeepL path benchmark');
  console.log(
    `date ${new Date().toISOString()}; node ${process.version}; ${process.platform}/${process.arch}; nproc ${nproc()}; ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(`fake DeepL: latency ${LATENCY_MS} ms, ${RATE_REQUESTS} requests per ${RATE_PER_MS} ms (sliding window, 429 + Retry-After 1 above it)\n`);
  const results = await runDeeplBench({
    ...(sizes ? { sizes } : {}),
    ...(concurrency ? { concurrency: Number(concurrency) } : {}),
    keep: process.argv.includes('--keep'),
    ...(flag('--trace') ? { traceDir: flag('--trace') as string } : {}),
  });
  console.log(formatDeeplBench(results));
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
