import { defaultBoilerplateRules, defaultCaptionPatterns } from '../read/default-reader-rules.js';
import type { BoilerplateRule } from '../read/reader-types.js';

type Fail = (option: string, expected: string, found: unknown) => never;

const SCOPES = ['line', 'rest', 'strip', 'counter', 'read-more', 'related'];
const RULE_SHAPE = `{ id, pattern: RegExp, scope?: ${SCOPES.map((s) => `'${s}'`).join(' | ')}, reason? }`;

/**
 * The reader's line rules from the config's `boilerplate`:
 * - absent: the defaults (`defaultBoilerplateRules`);
 * - `{ extend, disable }`: the defaults without the disabled ids, with `extend` tried first;
 * - an array: those rules instead of the defaults (the defaults are exported to build on).
 * And `captionPatterns` (default `defaultCaptionPatterns`; `boilerplate.captions` adds to them).
 */
export function resolveReaderRules(boilerplate: unknown, captionPatterns: unknown, at: Fail): { boilerplate: BoilerplateRule[]; captionPatterns: RegExp[] } {
  let rules: BoilerplateRule[];
  let extraCaptions: RegExp[] = [];
  if (boilerplate === undefined) rules = [...defaultBoilerplateRules];
  else if (Array.isArray(boilerplate)) rules = boilerplate.map((rule, i) => checkRule(rule, `boilerplate[${i}]`, at));
  else if (isPlainObject(boilerplate)) {
    for (const key of Object.keys(boilerplate)) if (!['extend', 'disable', 'captions'].includes(key)) at(`boilerplate.${key}`, 'one of extend, disable, captions', key);
    const extend = (boilerplate.extend ?? []) as unknown;
    if (!Array.isArray(extend)) at('boilerplate.extend', `an array of ${RULE_SHAPE}`, extend);
    const disable = (boilerplate.disable ?? []) as unknown;
    const ids = new Set(defaultBoilerplateRules.map((r) => r.id));
    if (!Array.isArray(disable) || !disable.every((d) => typeof d === 'string')) at('boilerplate.disable', 'an array of rule ids', disable);
    for (const id of disable as string[]) if (!ids.has(id)) at('boilerplate.disable', `rule ids of the defaults (${[...ids].join(', ')})`, id);
    const captions = (boilerplate.captions ?? []) as unknown;
    if (!Array.isArray(captions) || !captions.every((p) => p instanceof RegExp)) at('boilerplate.captions', 'an array of RegExp', captions);
    extraCaptions = captions as RegExp[];
    rules = [...(extend as unknown[]).map((r, i) => checkRule(r, `boilerplate.extend[${i}]`, at)), ...defaultBoilerplateRules.filter((r) => !(disable as string[]).includes(r.id))];
  } else {
    return at('boilerplate', `{ extend?: [...], disable?: ['rule-id'] } or an array of ${RULE_SHAPE}`, boilerplate);
  }
  const patterns = captionPatterns ?? defaultCaptionPatterns;
  if (!Array.isArray(patterns) || !patterns.every((p) => p instanceof RegExp)) at('captionPatterns', 'an array of RegExp', patterns);
  return { boilerplate: rules, captionPatterns: [...extraCaptions, ...(patterns as RegExp[])] };
}

function checkRule(rule: unknown, name: string, at: Fail): BoilerplateRule {
  if (!isPlainObject(rule)) return at(name, `an object ${RULE_SHAPE}`, rule);
  for (const key of Object.keys(rule)) if (!['id', 'pattern', 'scope', 'reason'].includes(key)) at(`${name}.${key}`, 'one of id, pattern, scope, reason', key);
  if (typeof rule.id !== 'string' || rule.id === '') at(`${name}.id`, 'a non-empty string', rule.id);
  if (!(rule.pattern instanceof RegExp) && typeof rule.pattern !== 'function') at(`${name}.pattern`, 'a RegExp (or a function of the line)', rule.pattern);
  if (rule.scope !== undefined && !SCOPES.includes(rule.scope as string)) at(`${name}.scope`, SCOPES.map((s) => `'${s}'`).join(', '), rule.scope);
  if (rule.reason !== undefined && typeof rule.reason !== 'string') at(`${name}.reason`, 'a string', rule.reason);
  return rule as unknown as BoilerplateRule;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}
