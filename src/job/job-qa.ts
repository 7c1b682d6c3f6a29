import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Glossary } from '../glossary/glossary-types.js';
import { BUILT_IN_CHECKS, icuStructureCheck } from '../qa/checks/index.js';
import type { Finding } from '../qa/qa-types.js';
import { runChecks } from '../qa/run-checks.js';
import type { Syntax } from '../protect/protect-types.js';
import type { BundleQa } from './assemble-bundles.js';

/** The QA of a run: every built-in check with the config's severities, on segments and ICU messages. */
export function createJobQa(config: ResolvedConfig, glossary: Glossary): BundleQa {
  const base = { sourceLocale: config.sourceLocale, glossary };
  return {
    segment: (input: { source: string; target: string; locale: string; syntax: Syntax }): Finding[] =>
      runChecks({ ...base, ...input }, BUILT_IN_CHECKS, config.qaChecks),
    // A rebuilt ICU message (plural branches per target locale) must keep the source's arguments.
    message: (input: { source: string; target: string; locale: string }): Finding[] =>
      runChecks({ ...base, ...input, syntax: 'icu' }, [icuStructureCheck], config.qaChecks),
  };
}
