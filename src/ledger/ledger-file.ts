import path from 'node:path';
import { TilmashError } from '../errors.js';
import { TM_STATUSES } from '../tm/tm-entry.js';
import type { Ledger } from './ledger-types.js';

/** `locales/provenance/<lng>.json`: one ledger per target locale, beside the bundles. */
export function ledgerPath(outputDir: string, locale: string): string {
  return path.join(outputDir, 'provenance', `${locale}.json`);
}

/** The file's bytes: 2-space JSON, keys in the order built (source order), trailing newline. */
export function formatLedger(ledger: Ledger): string {
  return `${JSON.stringify(ledger, null, 2)}\n`;
}

/** Reads a ledger; a damaged one is refused with the fix (a wrong ledger would misjudge edits). */
export function parseLedger(text: string, file: string): Ledger {
  const fail = (why: string): never => {
    throw new TilmashError('badSource', `${file}: ${why}. It is written by \`tilmash run\`: restore it with \`git checkout -- ${file}\`, or delete it (edits made in the bundles since the last run are then not detected).`, { file });
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  const ledger = value as Partial<Ledger>;
  if (typeof ledger !== 'object' || ledger === null || typeof ledger.locale !== 'string' || typeof ledger.namespaces !== 'object' || ledger.namespaces === null) {
    return fail('expected { "locale": …, "namespaces": { … } }');
  }
  for (const [namespace, ns] of Object.entries(ledger.namespaces)) {
    if (!['text', 'i18next', 'icu'].includes(ns?.format) || typeof ns.keys !== 'object' || ns.keys === null) fail(`namespace "${namespace}" needs a format and keys`);
    for (const [key, entry] of Object.entries(ns.keys)) {
      if (typeof entry?.source !== 'string' || typeof entry.target !== 'string' || typeof entry.origin !== 'string' || !TM_STATUSES.includes(entry.status)) {
        fail(`key "${namespace}.${key}" needs source, target, origin and status`);
      }
    }
  }
  return ledger as Ledger;
}
