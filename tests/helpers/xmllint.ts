/**
 * Validation of exported TMX and XLIFF against the schemas in tests/fixtures/schemas by libxml2
 * itself, compiled to WebAssembly (npm libxml2-wasm, a devDependency), so that no system xmllint
 * is needed. Each check returns the complaints, one `file:line: message` a line as xmllint prints
 * them, or '' when the file is valid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DtdValidator, ParseOption, XmlDocument, XmlDtd, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { REPO } from './project.js';

const SCHEMAS = path.join(REPO, 'tests', 'fixtures', 'schemas');
export const TMX_DTD = path.join(SCHEMAS, 'tmx14.dtd');
export const XLIFF_XSD = path.join(SCHEMAS, 'xliff-core-1.2-strict.xsd');

// Lets a schema's <xsd:import schemaLocation="xml.xsd"/> be read from the disk, beside the schema.
xmlRegisterFsInputProviders();

/** libxml2's diagnostics as xmllint prints them: `file:line: message`. */
function describe(error: unknown, file: string): string {
  if (!(error instanceof XmlLibError)) throw error;
  const lines = error.details.map((d) => `${d.file ?? file}:${String(d.line)}: ${d.message.trim()}`);
  return lines.length > 0 ? lines.join('\n') : `${file}: ${error.message}`;
}

/** Parses `file` (never fetching anything over a network), runs `check` on it, returns the complaints. */
function complaintsOf(file: string, check: (doc: XmlDocument) => void, option = ParseOption.XML_PARSE_NONET): string {
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromBuffer(readFileSync(file), { url: file, option });
    check(doc);
    return '';
  } catch (error) {
    return describe(error, file);
  } finally {
    doc?.dispose();
  }
}

/** xmllint's complaints about `file` against the DTD `dtd` (as `xmllint --noout --dtdvalid`). */
export function dtdErrors(file: string, dtd: string): string {
  const validator = new DtdValidator(XmlDtd.fromBuffer(readFileSync(dtd)));
  try {
    return complaintsOf(file, (doc) => validator.validate(doc));
  } finally {
    validator.dispose();
  }
}

/** xmllint's complaints about `file` against the XML Schema `xsd` (as `xmllint --noout --schema`). */
export function schemaErrors(file: string, xsd: string): string {
  const schema = XmlDocument.fromBuffer(readFileSync(xsd), { url: xsd, option: ParseOption.XML_PARSE_NONET });
  let validator: XsdValidator | undefined;
  try {
    validator = XsdValidator.fromDoc(schema);
    const ready = validator;
    return complaintsOf(file, (doc) => ready.validate(doc));
  } finally {
    validator?.dispose();
    schema.dispose();
  }
}

/** `file` as `xmllint --format` re-indents it (blank text between elements dropped, then indented). */
export function reformatted(file: string): string {
  let out = '';
  const problems = complaintsOf(file, (doc) => {
    out = doc.toString({ format: true });
  }, ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NOBLANKS);
  if (problems !== '') throw new Error(`xmllint --format ${file} failed: ${problems}`);
  return out;
}
