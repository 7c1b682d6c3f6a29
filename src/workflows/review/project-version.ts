import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { ledgerPath } from '../../ledger/ledger-file.js';

/**
 * A fingerprint of what a review save builds on: every TM file and journal of the project and the
 * target ledgers. The page sends the one it loaded with; a save is refused when it differs (a run or
 * an import changed the TM or the bundles meanwhile), so a reviewer never overwrites work they did not see.
 */
export function projectVersion(config: ResolvedConfig): string {
  const hash = createHash('sha256');
  const files = existsSync(config.tmDir) ? readdirSync(config.tmDir).filter((name) => name.endsWith('.jsonl') || name.endsWith('.journal')).sort().map((name) => path.join(config.tmDir, name)) : [];
  for (const locale of config.targets.map((t) => t.locale)) files.push(ledgerPath(config.output.dir, locale));
  for (const file of files) {
    hash.update(`${path.relative(config.rootDir, file)}\u0000`);
    hash.update(existsSync(file) ? readFileSync(file) : '\u0000absent');
    hash.update('\u0000');
  }
  return `sha256:${hash.digest('hex').slice(0, 24)}`;
}
