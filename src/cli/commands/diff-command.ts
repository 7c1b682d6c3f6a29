import path from 'node:path';
import { ExitCode } from '../../errors.js';
import { selectTargets } from '../../job/select-targets.js';
import type { BundleSnapshot } from '../../review/bundle-snapshot.js';
import { diffBundles } from '../../review/diff-bundles.js';
import { formatDiffText } from '../../review/format-diff.js';
import { readSnapshotFromDir } from '../../review/read-snapshot-from-dir.js';
import { readSnapshotFromGit } from '../../review/read-snapshot-from-git.js';
import type { CliIo } from '../cli-io.js';
import { loadCliConfig } from '../load-cli-config.js';
import { withCanonicalLocales } from '../locale-args.js';
import type { ParsedArgs } from '../parse-args.js';
import { wantsColor } from '../style.js';

/**
 * `tilmash diff [--base <ref>] [--locale kk,zh] [--json]`: the bundle keys added, changed or
 * removed in the working tree since commit `ref` (default HEAD), with source, origin and status,
 * for reviewers. A difference is not a failure: exit 0.
 */
export async function diffCommand(given: { flags: Pick<ParsedArgs['flags'], 'config' | 'json' | 'locale' | 'base'> }, io: CliIo): Promise<number> {
  const config = await loadCliConfig(given, io);
  const args = withCanonicalLocales(given, config);
  const base = args.flags.base ?? 'HEAD';
  // `--locale` names some of the config's targets (an unknown one is a usage error); shown in the config's order.
  const wanted = new Set(selectTargets(config.targets, args.flags.locale).map((t) => t.locale));
  const locales = config.targets.map((t) => t.locale).filter((locale) => wanted.has(locale));
  // `diffBundles` orders by `locales` but diffs every locale of the snapshots: `--locale` keeps only its own.
  const only = (snapshot: BundleSnapshot): BundleSnapshot => (args.flags.locale ? { ...snapshot, targets: snapshot.targets.filter((t) => locales.includes(t.locale)) } : snapshot);

  const before = only(readSnapshotFromGit(config.rootDir, base, path.relative(config.rootDir, config.output.dir), config.sourceLocale));
  const after = only(readSnapshotFromDir(config.output.dir, config.sourceLocale));
  // A derived locale's changes say which target they are converted from.
  const changes = diffBundles(before, after, { locales }).map((c) => {
    const derived = config.targets.find((t) => t.locale === c.locale)?.derived;
    return derived ? { ...c, derivedFrom: derived.from } : c;
  });

  if (args.flags.json) io.stdout(`${JSON.stringify({ base, changes }, null, 2)}\n`);
  else io.stdout(formatDiffText(changes, { color: wantsColor(io, 'stdout'), base }));
  return ExitCode.ok;
}
