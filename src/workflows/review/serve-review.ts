import type { ResolvedConfig } from '../../config/resolved-config.js';
import { readBaseLedgers } from '../../review/read-base-ledgers.js';
import { startReviewServer, type ReviewServer } from '../../review/serve/review-server.js';
import { createReviewService } from './review-service.js';

/**
 * `tilmash review --serve`: loads the review data (before the address is printed, so the first
 * page is fast), then serves it on 127.0.0.1. "changed" compares with the ledgers committed at
 * `base` (default HEAD; the ledgers on disk outside git).
 */
export async function serveReview(config: ResolvedConfig, options: { port?: number; base?: string }): Promise<ReviewServer> {
  const base = readBaseLedgers(config.rootDir, config.output.dir, config.sourceLocale, options.base);
  const service = createReviewService(config, base);
  try {
    await service.ready();
    const server = await startReviewServer(service, { ...(options.port !== undefined ? { port: options.port } : {}), title: `Tilmash review — ${config.targets.map((t) => t.locale).join(', ')}` });
    // Closing the server closes the TM store too (the shared TM's pool).
    return { url: server.url, close: async () => { await server.close(); await service.close(); } };
  } catch (error) {
    await service.close();
    throw error;
  }
}
