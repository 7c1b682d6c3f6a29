import { existsSync } from 'node:fs';
import path from 'node:path';
import { place, TilmashError } from '../errors.js';
import { resolveConfig } from './resolve-config.js';
import type { ResolvedConfig } from './resolved-config.js';

export const DEFAULT_CONFIG_FILE = 'pipeline.config.ts';

/**
 * Loads `pipeline.config.ts` (Node 20 cannot import TypeScript by itself: jiti strips the types and
 * caches the result under node_modules/.cache, so an unchanged config costs no compile) and
 * validates it.
 */
export async function loadConfig(configFile: string, displayName = configFile): Promise<ResolvedConfig> {
  const file = path.resolve(configFile);
  const shown = displayName;
  if (!existsSync(file)) {
    throw new TilmashError('config', `${shown}: no such config file. Create it (see README "Config") or pass --config <file>.`, { file: shown });
  }
  let exported: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { fsCache: true, moduleCache: false, interopDefault: true });
    exported = await jiti.import(file, { default: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = (message.split('\n')[0] ?? '').trim();
    // jiti puts the place of a syntax error on the next line: ` /abs/path/pipeline.config.ts:3:2`.
    const at = /:(\d+):(\d+)\s*$/m.exec(message.split('\n').find((line) => line.includes(file)) ?? '');
    const where = at ? place(shown, Number(at[1]), Number(at[2])) : shown;
    throw new TilmashError('config', `${where}: the config does not load: ${reason}. Fix the file so that it exports defineConfig({...}) as default.`, {
      file: shown,
      cause: error,
    });
  }
  return resolveConfig(exported, file, shown);
}
