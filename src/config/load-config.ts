import { existsSync } from 'node:fs';
import path from 'node:path';
import { TilmashError } from '../errors.js';
import { resolveConfig } from './resolve-config.js';
import type { ResolvedConfig } from './resolved-config.js';

export const DEFAULT_CONFIG_FILE = 'pipeline.config.ts';

/**
 * Loads `pipeline.config.ts` (Node 20 cannot import TypeScript by itself: jiti strips the types and
 * caches the result under node_modules/.cache, so an unchanged config costs no compile) and
 * validates it.
 */
export async function loadConfig(configFile: string): Promise<ResolvedConfig> {
  const file = path.resolve(configFile);
  if (!existsSync(file)) {
    throw new TilmashError('config', `${configFile}: no such config file. Create it (see README "Config") or pass --config <file>.`, { file: configFile });
  }
  let exported: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { fsCache: true, moduleCache: false, interopDefault: true });
    exported = await jiti.import(file, { default: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TilmashError('config', `${configFile}: the config does not load: ${reason}. Fix the file so that it exports defineConfig({...}) as default.`, {
      file: configFile,
      cause: error,
    });
  }
  return resolveConfig(exported, configFile);
}
