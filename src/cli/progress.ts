import type { TranslationProgress } from '../job/translate-missing.js';
import type { CliIo } from './cli-io.js';

/** A progress bar redrawn in place on a terminal; one plain line per batch otherwise (CI logs). */
export function createProgressReporter(io: CliIo): { update: (p: TranslationProgress) => void; finish: () => void } {
  let drawn = false;
  return {
    update(p) {
      if (!io.isTty) {
        io.stderr(`${p.locale}: ${p.done}/${p.total} segments translated\n`);
        return;
      }
      const width = 30;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      io.stderr(`\r${p.locale.padEnd(6)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}`);
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr('\n');
      drawn = false;
    },
  };
}
