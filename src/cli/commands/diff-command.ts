import path from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { ExitCode, TilmashError } from '../../errors.js';
import { diffBundles } from '../../review/diff-bundles.js';
import { formatDiffText } from '../../review/format-diff.js';
import { readSnapshotFromDir } from '../../review/read-snapshot-from-dir.js';
import { readSnapshotFromGit } from '../../review/read-snapshot-from-git.js';
import type { CliIo } from '../cli-io.js';
import type { ParsedArgs } from '../parse-args.js';

/** The flags `tilmash diff` reads (ParsedArgs with `--base <ref>`). */
export interface DiffArgs {
  flags: Pick<ParsedArgs['flags'], 'config' | 'json' | 'locale'> & { base?: string };
}

/**
 * `tilmash diff [--base <ref>] [--locale kk,zh] [--json]`: the bundle keys added, changed or
 * removed in the working tree since commit `ref` (default HEAD), with source, origin and status,
 * for reviewers. A difference is not a failure: exit 0.
 */
export async function diffCommand(args: DiffArgs, io: CliIo): Promise<number> {
  const configPath = path.resolve(io.cwd, args.flags.config);
  const config = await loadConfig(configPath, path.relative(io.cwd, configPath) || args.flags.config);
  const base = args.flags.base ?? 'HEAD';
  const targets = config.targets.map((t) => t.locale);
  const unknown = args.flags.locale?.find((locale) => !targets.includes(locale));
  if (unknown !== undefined) throw new TilmashError('usage', `--locale ${unknown}: not a target of the config (targets: ${targets.join(', ')}).`);

  const before = readSnapshotFromGit(config.rootDir, base, path.relative(config.rootDir, config.output.dir), config.sourceLocale);
  const after = readSnapshotFromDir(config.output.dir, config.sourceLocale);
  const changes = diffBundles(before, after, { locales: targets }).filter((change) => !args.flags.locale || args.flags.locale.includes(change.locale));

  if (args.flags.json) io.stdout(`${JSON.stringify({ base, changes }, null, 2)}\n`);
  else io.stdout(formatDiffText(changes, { color: wantsColor(io), base }));
  return ExitCode.ok;
}

/** Colours on a terminal unless NO_COLOR is set; FORCE_COLOR turns them on anywhere. */
function wantsColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTty;
}
