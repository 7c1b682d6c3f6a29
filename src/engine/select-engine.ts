import type { ResolvedConfig } from '../config/resolved-config.js';
import type { TranslationEngine } from './translation-engine.js';

/**
 * The engine a run uses for missing segments, from the config and the environment (secrets come
 * from the environment only). Undefined: no engine, the run is TM-only.
 */
export function selectEngine(config: ResolvedConfig, env: Readonly<Record<string, string | undefined>>): TranslationEngine | undefined {
  if (config.engine.name === 'none') return undefined;
  if (!env.DEEPL_AUTH_KEY) return undefined;
  // The DeepL adapter is built on top of this interface in its own module (engine/deepl).
  return undefined;
}
