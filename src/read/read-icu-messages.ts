/**
 * ICU MessageFormat app strings (`source/<name>.ru.icu.json`): a flat `{ "id": "message" }` object,
 * or the shape `formatjs extract` writes, `{ "id": { "defaultMessage": "…", "description": … } }`
 * (both may be mixed). Every message must parse as @formatjs/intl parses it, and its plural/select
 * arguments must be hoistable to the top (a selector inside a tag is not).
 */
import { TilmashError, place } from '../errors.js';
import type { SourceMessage } from '../messages/message-types.js';
import { jsonMember, jsonTypeName, jsonValue, parseOrderedJsonObject, type JsonNode } from '../messages/ordered-json.js';
import { icuSyntaxErrorDetails, parseHoistedIcuMessage, parseIcuMessage, type MessageFormatElement } from '../messages/parse-icu-message.js';
import { APP_STRINGS_JSON } from './app-strings-json.js';

const FIXES: Record<string, string> = {
  MISSING_OTHER_CLAUSE: 'add an `other {…}` branch to every plural, selectordinal and select',
  UNMATCHED_CLOSING_TAG: "close tags in the order they were opened, or quote a literal < as '<'",
  UNCLOSED_TAG: "close the tag with </name>, or quote a literal < as '<'",
  INVALID_TAG: "write tags as <name>…</name> without attributes, or quote a literal < as '<'",
};
const DEFAULT_FIX = "correct the ICU syntax at that offset: quote literal braces as '{' and '}', and write arguments as {name}, {n, number}, {n, plural, one {…} other {…}}";

export function readIcuMessages(text: string, file: string): SourceMessage[] {
  const root = parseOrderedJsonObject(
    text,
    file,
    'an ICU message file is one JSON object { "id": "message" } or { "id": { "defaultMessage": "…" } }. Wrap the messages in such an object.',
    APP_STRINGS_JSON,
  );
  // Every broken message of the file is reported at once, so one edit fixes them all.
  const errors: TilmashError[] = [];
  const messages = root.members.map(({ key: id, line, value }) => {
    const where = `${place(file, line)}: id "${id}"`;
    const { message, description } = messageFields(value, text, where, file);
    try {
      checkIcuMessage(message, where, file);
    } catch (error) {
      if (!(error instanceof TilmashError)) throw error;
      errors.push(error);
    }
    const read: SourceMessage = { path: [id], line, syntax: 'icu', text: message };
    if (description !== undefined) read.description = description;
    return read;
  });
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new TilmashError('badSource', `${file}: ${errors.length} messages are not valid ICU:\n${errors.map((e) => `  ${e.message}`).join('\n')}`, { file, cause: errors[0] });
  }
  return messages;
}

function messageFields(value: JsonNode, text: string, where: string, file: string): { message: string; description?: string } {
  if (value.kind === 'string') return { message: value.value };
  if (value.kind === 'object') {
    const defaultMessage = jsonMember(value, 'defaultMessage');
    if (defaultMessage?.kind === 'string') {
      const description = jsonMember(value, 'description');
      if (description === undefined) return { message: defaultMessage.value };
      return {
        message: defaultMessage.value,
        // A structured description (FormatJS allows objects) is passed on as its JSON text.
        description: description.kind === 'string' ? description.value : JSON.stringify(jsonValue(description, text)),
      };
    }
    const found = defaultMessage === undefined ? 'none' : jsonTypeName(defaultMessage);
    throw new TilmashError(
      'badSource',
      `${where}: an object entry needs a string "defaultMessage" (found ${found}). Write { "defaultMessage": "…", "description": "…" } or just "…".`,
      { file },
    );
  }
  throw new TilmashError(
    'badSource',
    `${where}: the message is ${jsonTypeName(value)}; expected an ICU message string or { "defaultMessage": "…" }. Write the message as a JSON string.`,
    { file },
  );
}

/** Parses the message as planIcuMessage will (so the hoisted form is cached for it). */
function checkIcuMessage(message: string, where: string, file: string): void {
  let parsed: MessageFormatElement[];
  try {
    parsed = parseIcuMessage(message);
  } catch (error) {
    const { kind, offset } = icuSyntaxErrorDetails(error);
    throw new TilmashError(
      'badSource',
      `${where}: not a valid ICU message: ${kind}${offset === undefined ? '' : ` at offset ${offset}`} in ${JSON.stringify(message)}. Fix: ${FIXES[kind] ?? DEFAULT_FIX}.`,
      { file, cause: error },
    );
  }
  try {
    parseHoistedIcuMessage(message, parsed);
  } catch (error) {
    throw new TilmashError(
      'badSource',
      `${where}: a plural or select sits inside a tag in ${JSON.stringify(message)}, so its branches cannot be translated as whole sentences. Fix: put the tag inside each branch, e.g. {n, plural, one {<b>…</b>} other {<b>…</b>}}.`,
      { file, cause: error },
    );
  }
}
