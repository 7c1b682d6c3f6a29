/**
 * i18next JSON v4 app strings (`source/<name>.ru.json`): nested objects of strings. Keys with a
 * plural suffix (`items_one`, `items_few`, … `items_other`, or `place_ordinal_one` …) form one
 * message per base key; every other key (context keys such as `friend_male` too) is a message of
 * its own. Messages come out in source order, a plural group at its first key.
 */
import { TilmashError, place } from '../errors.js';
import { splitPluralKey } from '../messages/i18next-plural-key.js';
import type { SourceMessage } from '../messages/message-types.js';
import { jsonTypeName, parseOrderedJsonObject, type JsonObjectNode } from '../messages/ordered-json.js';
import { APP_STRINGS_JSON } from './app-strings-json.js';
import { i18nextInterpolationProblem } from './i18next-interpolation.js';
import { pluralCategories, type PluralType } from '../messages/plural-categories.js';

interface PluralGroup {
  message: SourceMessage;
  forms: Array<{ category: string; text: string; key: string; line: number }>;
}

export function readI18nextJson(text: string, file: string, sourceLocale: string): SourceMessage[] {
  const root = parseOrderedJsonObject(
    text,
    file,
    'an i18next resource file is one JSON object of keys. Wrap the strings in { "key": "text" }.',
    APP_STRINGS_JSON,
  );
  const messages: SourceMessage[] = [];
  const broken: string[] = [];
  readObject(root, [], { file, sourceLocale, messages, broken });
  // Every broken interpolation of the file at once.
  if (broken.length > 0) {
    throw new TilmashError(
      'badSource',
      `${file}: ${broken.length === 1 ? 'a broken i18next interpolation' : `${broken.length} broken i18next interpolations`}:\n${broken.map((b) => `  ${b}`).join('\n')}\nWrite variables as {{name}} (or quote literal braces in the text some other way).`,
      { file },
    );
  }
  return messages;
}

interface ReadContext {
  file: string;
  sourceLocale: string;
  messages: SourceMessage[];
  /** Broken interpolations found, each `file:line: key "…": problem`. */
  broken: string[];
}

function readObject(node: JsonObjectNode, parent: readonly string[], ctx: ReadContext): void {
  const groups = new Map<string, PluralGroup>();
  for (const { key, line, value } of node.members) {
    const path = [...parent, key];
    if (value.kind === 'object') {
      readObject(value, path, ctx);
      continue;
    }
    if (value.kind !== 'string') {
      throw new TilmashError(
        'badSource',
        `${place(ctx.file, line)}: key "${path.join('.')}" is ${jsonTypeName(value)}; app strings must be text. Write the value as a JSON string ("…") or move it out of the translation file.`,
        { file: ctx.file },
      );
    }
    const problem = i18nextInterpolationProblem(value.value);
    if (problem !== undefined) ctx.broken.push(`${place(ctx.file, line)}: key "${path.join('.')}": ${problem.problem}`);
    const plural = splitPluralKey(key);
    if (plural === undefined) {
      ctx.messages.push({ path, line, syntax: 'i18next', text: value.value });
      continue;
    }
    const groupKey = `${plural.ordinal ? 'ordinal' : 'cardinal'}:${plural.base}`;
    let group = groups.get(groupKey);
    if (group === undefined) {
      const message: SourceMessage = { path: [...parent, plural.base], line, syntax: 'i18next', text: '', pluralForms: [] };
      if (plural.ordinal) message.ordinal = true;
      group = { message, forms: [] };
      groups.set(groupKey, group);
      ctx.messages.push(message); // filled in below; keeps the group at its first key
    }
    group.forms.push({ category: plural.category, text: value.value, key, line });
  }
  for (const group of groups.values()) completeGroup(group, ctx);
}

function completeGroup({ message, forms }: PluralGroup, ctx: ReadContext): void {
  const type: PluralType = message.ordinal === true ? 'ordinal' : 'cardinal';
  const allowed = pluralCategories(ctx.sourceLocale, type);
  const shown = (key: string): string => [...message.path.slice(0, -1), key].join('.');
  for (const form of forms) {
    // `_zero` is i18next's own count-0 key (cardinal only), valid in every language.
    const specialZero = form.category === 'zero' && type === 'cardinal';
    if (!allowed.includes(form.category) && !specialZero) {
      throw new TilmashError(
        'badSource',
        `${place(ctx.file, form.line)}: key "${shown(form.key)}" is the ${type} plural form "${form.category}", which '${ctx.sourceLocale}' does not have (its ${type} forms: ${allowed.join(', ')}). Remove the key, or rename it if it is not a plural form.`,
        { file: ctx.file },
      );
    }
  }
  const other = forms.find((form) => form.category === 'other');
  if (other === undefined) {
    const keys = forms.map((form) => `"${shown(form.key)}"`).join(', ');
    const otherKey = shown(`${message.path[message.path.length - 1]}_${type === 'ordinal' ? 'ordinal_' : ''}other`);
    throw new TilmashError(
      'badSource',
      `${place(ctx.file, forms[0]?.line)}: plural keys ${keys} have no "${otherKey}"; i18next falls back to it for every count without a form. Add "${otherKey}", or rename the keys if they are not plural forms.`,
      { file: ctx.file },
    );
  }
  message.text = other.text;
  message.pluralForms = forms.map(({ category, text }) => ({ category, text }));
}
