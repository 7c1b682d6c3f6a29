/**
 * A generated project for the incremental benchmark (issue 13): `segments` synthetic Russian
 * sentences (bench/synthetic-text.ts) in articles of about 500 sentences (paragraphs of 3–6), three
 * targets (en, kk, zh), the TM filled by a first `run` through a fake in-process engine, so the
 * project on disk is what a real project looks like after its first run (TM, bundles, ledgers, key maps).
 *
 * Usage: npm run build && node dist/bench/incremental-project.js <dir> <segments>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve-config.js';
import type { EngineLimits, TranslatedSegment, TranslationEngine, TranslationRequest } from '../src/engine/translation-engine.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { russianSentence } from './synthetic-text.js';
import { prng } from './measure.js';

export const CONFIG_TEXT = `export default {
  targets: { en: {}, kk: {}, zh: {} },
  qa: { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } },
  engine: { batchSize: 50, concurrency: 4, requestsPerInterval: 100000, intervalMs: 1000 },
};
`;

/** A deterministic engine: the source tagged by locale (QA's language checks are off in this project). */
class BenchEngine implements TranslationEngine {
  readonly id = 'bench-fake';
  readonly limits: EngineLimits = { maxSegmentsPerRequest: 50, maxRequestBytes: Infinity };
  capabilities() {
    return { context: false, tagHandling: false, glossary: false, formality: false };
  }
  async translate(request: TranslationRequest): Promise<TranslatedSegment[]> {
    // The source behind a locale tag: numbers, quotes and names survive, so QA passes as it does on real MT.
    return request.segments.map((s) => ({ text: `[${request.targetLocale}] ${s.text}`, billedCharacters: s.text.length }));
  }
}

/** Writes the sources and config of a `segments`-sentence project into `dir` (no TM yet). */
export function writeSources(dir: string, segments: number, seed = 42): void {
  const random = prng(seed);
  const seen = new Set<string>();
  mkdirSync(path.join(dir, 'source'), { recursive: true });
  writeFileSync(path.join(dir, 'pipeline.config.ts'), CONFIG_TEXT);
  const perDoc = 500;
  for (let d = 0; d * perDoc < segments; d++) {
    const paragraphs: string[] = [`Статья номер ${d + 1}`];
    let left = Math.min(perDoc, segments - d * perDoc);
    while (left > 0) {
      const n = Math.min(left, 3 + Math.floor(random() * 4));
      const sentences: string[] = [];
      while (sentences.length < n) {
        const s = russianSentence(random);
        if (!seen.has(s)) sentences.push(s), seen.add(s);
      }
      paragraphs.push(sentences.join(' '));
      left -= n;
    }
    writeFileSync(path.join(dir, 'source', `article-${String(d + 1).padStart(4, '0')}.ru.txt`), `${paragraphs.join('\n\n')}\n`);
  }
}

/** The first run: every segment translated by the fake engine, TM, bundles and ledgers written. */
export async function firstRun(dir: string): Promise<void> {
  const config = resolveConfig(
    { targets: { en: {}, kk: {}, zh: {} }, qa: { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } }, engine: { batchSize: 50, concurrency: 4, requestsPerInterval: 100000, intervalMs: 1000 } },
    path.join(dir, 'pipeline.config.ts'),
  );
  const report = await runJob({ config, engine: new BenchEngine() });
  if (report.failure) throw new Error(`first run failed: ${report.failure.message}`);
}

export async function makeProject(dir: string, segments: number): Promise<void> {
  writeSources(dir, segments);
  await firstRun(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await makeProject(path.resolve(process.argv[2] as string), Number(process.argv[3] ?? 50000));
