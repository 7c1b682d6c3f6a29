import { TilmashError } from '../errors.js';
import { closestMatch } from './closest-match.js';
import type { SeveritySetting } from './qa-types.js';

const SETTINGS: readonly SeveritySetting[] = ['error', 'warn', 'info', 'off'];

/**
 * Checks a config's per-check severities (`{ numbers: 'warn', 'length-ratio': 'off' }`) against
 * the known check ids. `where` names the option in messages (`pipeline.config.ts: qa.checks`).
 */
export function validateQaSettings(value: unknown, knownIds: readonly string[], where: string): Record<string, SeveritySetting> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TilmashError(
      'config',
      `${where}: expected an object of check ids to ${quoteAll(SETTINGS)}, e.g. { 'length-ratio': 'off' }; found ${describe(value)}.`,
    );
  }
  const settings: Record<string, SeveritySetting> = {};
  for (const [id, setting] of Object.entries(value)) {
    if (!knownIds.includes(id)) {
      const near = closestMatch(id, knownIds);
      const hint = near === undefined ? '' : ` Did you mean '${near}'?`;
      throw new TilmashError('config', `${where}: unknown check '${id}'.${hint} Known checks: ${knownIds.join(', ')}.`);
    }
    if (setting === undefined) continue;
    if (!SETTINGS.includes(setting as SeveritySetting)) {
      const option = /^[A-Za-z_$][\w$]*$/.test(id) ? `${where}.${id}` : `${where}['${id}']`;
      throw new TilmashError('config', `${option}: expected ${quoteAll(SETTINGS)}; found ${describe(setting)}.`);
    }
    settings[id] = setting as SeveritySetting;
  }
  return settings;
}

const quoteAll = (values: readonly string[]): string =>
  `${values.slice(0, -1).map((v) => `'${v}'`).join(', ')} or '${values.at(-1) ?? ''}'`;

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `${typeof value} ${String(value)}`;
}
