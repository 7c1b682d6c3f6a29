import type { CheckInput, Finding, QaCheck, SeveritySetting } from './qa-types.js';

/** Settings validation has its own module; re-exported here, where the config loader imports it. */

/**
 * Runs `checks` on one source/target pair. A check set `off` in `settings` is skipped; the others'
 * messages become findings with the check's id and its configured (else default) severity, in
 * check order then message order. A check that throws gives one `error` finding with the
 * exception's message instead of stopping the job.
 */
export function runChecks(
  input: CheckInput,
  checks: readonly QaCheck[],
  settings: Readonly<Record<string, SeveritySetting>> = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    const severity = Object.hasOwn(settings, check.id) ? settings[check.id]! : check.defaultSeverity;
    if (severity === 'off') continue;
    let messages: string[];
    try {
      messages = check.run(input);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      findings.push({ check: check.id, severity: 'error', message: `the check failed on this text: ${reason}` });
      continue;
    }
    for (const message of messages) findings.push({ check: check.id, severity, message });
  }
  return findings;
}
