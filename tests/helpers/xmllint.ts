/**
 * xmllint validation of exported TMX and XLIFF against the schemas in tests/fixtures/schemas.
 * Each returns xmllint's complaints, '' when the file is valid; a missing xmllint fails loudly.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './project.js';

const SCHEMAS = path.join(REPO, 'tests', 'fixtures', 'schemas');
export const TMX_DTD = path.join(SCHEMAS, 'tmx14.dtd');
export const XLIFF_XSD = path.join(SCHEMAS, 'xliff-core-1.2-strict.xsd');

function xmllint(args: readonly string[]): { ok: boolean; stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(`xmllint could not be run (${result.error.message}); the TMX/XLIFF tests need it: .ci/run installs libxml2-utils (apt-get install libxml2-utils)`);
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function complaints(result: ReturnType<typeof xmllint>): string {
  return result.ok ? '' : result.stderr || `xmllint exited with ${String(result.status)}`;
}

/** xmllint's complaints about `file` against the DTD `dtd`. */
export function dtdErrors(file: string, dtd: string): string {
  return complaints(xmllint(['--noout', '--dtdvalid', dtd, file]));
}

/** xmllint's complaints about `file` against the XML Schema `xsd`. */
export function schemaErrors(file: string, xsd: string): string {
  return complaints(xmllint(['--noout', '--schema', xsd, file]));
}

/** `file` as `xmllint --format` re-indents it. */
export function reformatted(file: string): string {
  const result = xmllint(['--format', file]);
  if (!result.ok) throw new Error(`xmllint --format ${file} failed: ${complaints(result)}`);
  return result.stdout;
}
