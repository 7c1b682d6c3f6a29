/**
 * Strict JSON with source order and lines kept: a JS object would move integer-like keys ("10",
 * "2") first and forget where each key was. `JSON.parse` checks the syntax first (its error gives
 * the position); the scan below then only ever sees well-formed JSON.
 */
import { TilmashError, place } from '../errors.js';
import { syntaxErrorPosition } from '../keys/json-position.js';

export type JsonNode = JsonObjectNode | JsonStringNode | JsonOtherNode;

export interface JsonObjectNode {
  kind: 'object';
  members: JsonMember[];
  /** Offsets of `{` and just after `}`. */
  start: number;
  end: number;
}

export interface JsonStringNode {
  kind: 'string';
  value: string;
  start: number;
  end: number;
}

export interface JsonOtherNode {
  kind: 'array' | 'number' | 'boolean' | 'null';
  start: number;
  end: number;
}

export interface JsonMember {
  key: string;
  /** 1-based line of the key. */
  line: number;
  value: JsonNode;
}

/** Parses `text` (the contents of `file`); throws TilmashError 'badSource' with file:line:column. */
export function parseOrderedJson(text: string, file: string): JsonNode {
  try {
    JSON.parse(text);
  } catch (error) {
    const at = syntaxErrorPosition(error, text);
    const reason = error instanceof Error ? error.message : String(error);
    throw new TilmashError(
      'badSource',
      `${place(file, at?.line, at?.column)}: not valid JSON (${reason}). Fix the syntax there: app strings are strict JSON (double-quoted keys and strings, no comments, no trailing commas).`,
      { file, cause: error },
    );
  }
  return new OrderedJsonScanner(text, file).document();
}

class OrderedJsonScanner {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): JsonNode {
    const node = this.value();
    this.skipSpace();
    return node;
  }

  private value(): JsonNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '"') return { kind: 'string', value: this.string(), start, end: this.pos };
    if (ch === '[') {
      this.skipNested();
      return { kind: 'array', start, end: this.pos };
    }
    const literal = /^(?:true|false|null|-?[0-9][0-9eE.+-]*)/.exec(this.text.slice(start, start + 400))?.[0] ?? '';
    this.pos += literal.length;
    const kind = literal === 'null' ? 'null' : literal === 'true' || literal === 'false' ? 'boolean' : 'number';
    return { kind, start, end: this.pos };
  }

  private object(): JsonObjectNode {
    const start = this.pos;
    this.pos++; // {
    const members: JsonMember[] = [];
    const lines = new Map<string, number>();
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      const line = this.line;
      const key = this.string();
      const earlier = lines.get(key);
      if (earlier !== undefined) {
        throw new TilmashError(
          'badSource',
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

  /** A string token at `pos`; returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  /** Skips an array (any nesting), counting lines. */
  private skipNested(): void {
    let depth = 0;
    do {
      const ch = this.text[this.pos];
      if (ch === '"') {
        this.string();
        continue;
      }
      if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') depth--;
      else if (ch === '\n') this.line++;
      this.pos++;
    } while (depth > 0);
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

/** Human name of a JSON node's type, for messages. */
export function jsonTypeName(node: JsonNode): string {
  return node.kind === 'array' ? 'an array' : node.kind === 'object' ? 'an object' : node.kind === 'null' ? 'null' : `a ${node.kind}`;
}
