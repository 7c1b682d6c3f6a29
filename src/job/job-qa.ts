import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Glossary } from '../glossary/glossary-types.js';
import { BUILT_IN_CHECKS, icuStructureCheck } from '../qa/checks/index.js';
import type { Finding } from '../qa/qa-types.js';
import { runChecks } from '../qa/run-checks.js';
import type { Syntax } from '../protect/protect-types.js';
import type { BundleQa } from './assemble-bundles.js';
import { createHash } from 'node:crypto';
import { VERSION } from '../version.js';

/**
 * What QA results depend on besides the pair itself: the checks and their severities, the
 * glossary, and the Tilmash version (a check may change). Stored in the ledger: a key whose source
 * and target are unchanged under the same fingerprint keeps its recorded findings unchecked.
 */
function qaFingerprint(config: ResolvedConfig, glossary: Glossary): string {
  const inputs = JSON.stringify([VERSION, BUILT_IN_CHECKS.map((c) => c.id), Object.entries(config.qaChecks).sort(), glossary.terms]);
  return `sha256:${createHash('sha256').update(inputs).digest('hex').slice(0, 16)}`;
}

/** The QA of a run: every built-in check with the config's severities, on segments and ICU messages. */
export function createJobQa(config: ResolvedConfig, glossary: Glossary): BundleQa {
  const base = { sourceLocale: config.sourceLocale, glossary };
  return {
    fingerprint: qaFingerprint(config, glossary),
    segment: (input: { source: string; target: string; locale: string; syntax: Syntax }): Finding[] =>
      runChecks({ ...base, ...input }, BUILT_IN_CHECKS, config.qaChecks),
    // A rebuilt ICU message (plural branches per target locale) must keep the source's arguments.
    message: (input: { source: string; target: string; locale: string }): Finding[] =>
      runChecks({ ...base, ...input, syntax: 'icu' }, [icuStructureCheck], config.qaChecks),
  };
}
