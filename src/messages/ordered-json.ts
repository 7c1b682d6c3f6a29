/**
 * Strict JSON with source order and lines kept: a JS object would move integer-like keys ("10",
 * "2") first and forget where each key and array element was. `JSON.parse` checks the syntax
 * first (its error gives the position); the scan below then only ever sees well-formed JSON.
 */
import { TilmashError, place, type ErrorKind } from '../errors.js';
import { syntaxErrorPosition } from './json-position.js';

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonOtherNode;

/** Every node spans `text.slice(start, end)`: from its first character to just after its last. */
interface JsonSpan {
  start: number;
  end: number;
}

export interface JsonObjectNode extends JsonSpan {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonArrayNode extends JsonSpan {
  kind: 'array';
  elements: JsonElement[];
}

export interface JsonStringNode extends JsonSpan {
  kind: 'string';
  value: string;
}

export interface JsonOtherNode extends JsonSpan {
  kind: 'number' | 'boolean' | 'null';
}

export interface JsonMember {
  key: string;
  /** 1-based line of the key. */
  line: number;
  value: JsonNode;
}

export interface JsonElement {
  /** 1-based line where the element starts. */
  line: number;
  value: JsonNode;
}

export interface OrderedJsonOptions {
  /** Error kind of a syntax error or a duplicate key; default `badSource`. */
  kind?: ErrorKind;
  /** What the file is, to start the syntax error ("key map" → "key map is not valid JSON"). */
  name?: string;
  /** The sentence after a syntax error that says how to fix it. */
  fix?: string;
}

/** Deepest nesting of objects and arrays read (i18next namespaces nest a few levels; deeper is a mistake or an attack). */
export const MAX_JSON_DEPTH = 256;

const DEFAULT_FIX = 'Fix the syntax there: JSON is strict (double-quoted keys and strings, no comments, no trailing commas).';

/**
 * Parses `text` (the contents of `file`); throws a TilmashError with file:line:column on bad
 * syntax, and with both lines when one object has a key twice.
 */
export function parseOrderedJson(text: string, file: string, options: OrderedJsonOptions = {}): JsonNode {
  const kind = options.kind ?? 'badSource';
  try {
    JSON.parse(text);
  } catch (error) {
    const at = syntaxErrorPosition(error, text);
    const reason = error instanceof Error ? error.message : String(error);
    const subject = options.name === undefined ? '' : `${options.name} is `;
    throw new TilmashError(kind, `${place(file, at?.line, at?.column)}: ${subject}not valid JSON (${reason}). ${options.fix ?? DEFAULT_FIX}`, {
      file,
      cause: error,
    });
  }
  return new OrderedJsonScanner(text, file, kind).value();
}

/**
 * parseOrderedJson for a file whose top level must be an object. `expected` ends the error
 * "file:1: the file holds an array; <expected>" and should say what the file must hold.
 */
export function parseOrderedJsonObject(text: string, file: string, expected: string, options: OrderedJsonOptions = {}): JsonObjectNode {
  const root = parseOrderedJson(text, file, options);
  if (root.kind !== 'object') {
    throw new TilmashError(options.kind ?? 'badSource', `${place(file, 1)}: the file holds ${jsonTypeName(root)}; ${expected}`, { file });
  }
  return root;
}

/** The plain value of a node (`text` is the parsed text). */
export function jsonValue(node: JsonNode, text: string): unknown {
  return JSON.parse(text.slice(node.start, node.end));
}

/** The value of `key` in an object node, if it has that key. */
export function jsonMember(node: JsonObjectNode, key: string): JsonNode | undefined {
  return node.members.find((member) => member.key === key)?.value;
}

/** Human name of a JSON node's type, for messages. */
export function jsonTypeName(node: JsonNode): string {
  return node.kind === 'array' ? 'an array' : node.kind === 'object' ? 'an object' : node.kind === 'null' ? 'null' : `a ${node.kind}`;
}

class OrderedJsonScanner {
  private pos = 0;
  private line = 1;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly errorKind: ErrorKind,
  ) {}

  value(): JsonNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (++this.depth > MAX_JSON_DEPTH) this.tooDeep();
      const node = ch === '{' ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (ch === '"') return { kind: 'string', value: this.string(), start, end: this.pos };
    const literal = /^(?:true|false|null|-?[0-9][0-9eE.+-]*)/.exec(this.text.slice(start, start + 400))?.[0] ?? '';
    this.pos += literal.length;
    const kind = literal === 'null' ? 'null' : literal === 'true' || literal === 'false' ? 'boolean' : 'number';
    return { kind, start, end: this.pos };
  }

  private tooDeep(): never {
    throw new TilmashError(
      this.errorKind,
      `${place(this.file, this.line)}: objects and arrays nested more than ${MAX_JSON_DEPTH} levels deep (the depth limit); nothing was read. Flatten the structure (i18next keys nest a few levels at most).`,
      { file: this.file },
    );
  }

  private object(): JsonObjectNode {
    const start = this.pos;
    this.pos++; // {
    const members: JsonMember[] = [];
    const lines = new Map<string, number>();
    while (this.nextItem('}')) {
      const line = this.line;
      const key = this.string();
      const earlier = lines.get(key);
      if (earlier !== undefined) {
        throw new TilmashError(
          this.errorKind,
          `${place(this.file, line)}: key ${JSON.stringify(key)} appears twice in one object (lines ${earlier} and ${line}); JSON keeps only the last. Remove or rename one of them.`,
          { file: this.file },
        );
      }
      lines.set(key, line);
      this.skipSpace();
      this.pos++; // :
      members.push({ key, line, value: this.value() });
    }
    this.pos++; // }
    return { kind: 'object', members, start, end: this.pos };
  }

  private array(): JsonArrayNode {
    const start = this.pos;
    this.pos++; // [
    const elements: JsonElement[] = [];
    while (this.nextItem(']')) elements.push({ line: this.line, value: this.value() });
    this.pos++; // ]
    return { kind: 'array', elements, start, end: this.pos };
  }

  /** Moves to the next member or element (past a `,`); false at the closing bracket. */
  private nextItem(close: '}' | ']'): boolean {
    this.skipSpace();
    if (this.text[this.pos] === ',') {
      this.pos++;
      this.skipSpace();
    }
    return this.text[this.pos] !== close;
  }

  /** A string token at `pos`; returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private skipSpace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '\n') this.line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      this.pos++;
    }
  }
}
