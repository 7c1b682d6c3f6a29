import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { CliIo } from './cli-io.js';
import type { ParsedArgs } from './parse-args.js';

/** The config named by `--config`, resolved against the working folder; messages name it as typed (relative to that folder). */
export function loadCliConfig(args: { flags: Pick<ParsedArgs['flags'], 'config'> }, io: Pick<CliIo, 'cwd'>): Promise<ResolvedConfig> {
  const configPath = path.resolve(io.cwd, args.flags.config);
  return loadConfig(configPath, path.relative(io.cwd, configPath) || args.flags.config);
}
