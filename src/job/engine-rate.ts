import type { TranslationEngine } from '../engine/translation-engine.js';
import { RateController, type RateMode } from '../queue/rate-controller.js';

/** What an engine's rate is made of: `engine.*` of the config with the engine's own `queueSettings` over it. */
export interface EngineRateSettings {
  requestsPerInterval: number;
  intervalMs: number;
  /** @default 'fixed' */
  rate?: RateMode | undefined;
  maxRequestsPerSecond?: number | undefined;
  maxSkewMs?: number | undefined;
}

const RATES = new WeakMap<TranslationEngine, RateController>();

/**
 * The account clock of an engine instance, made on first use from `settings` and kept for the
 * engine's life: every queue of the engine (one per pass) and the engine's own side requests
 * (`usePacer`: usage, glossaries, language lists) share it, so the window holds every request the
 * server counts and an adaptive rate learned in one pass carries into the next.
 */
export function engineRate(engine: TranslationEngine, settings: EngineRateSettings): RateController {
  let rate = RATES.get(engine);
  if (rate === undefined) {
    rate = new RateController({
      mode: settings.rate ?? 'fixed',
      requestsPerInterval: settings.requestsPerInterval,
      intervalMs: settings.intervalMs,
      ...(settings.maxRequestsPerSecond !== undefined ? { maxRequestsPerSecond: settings.maxRequestsPerSecond } : {}),
      ...(settings.maxSkewMs !== undefined ? { maxSkewMs: settings.maxSkewMs } : {}),
    });
    RATES.set(engine, rate);
    engine.usePacer?.(rate);
  }
  return rate;
}
