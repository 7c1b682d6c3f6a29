/**
 * The WebAssembly xmllint behind the TMX and XLIFF tests accepts valid files and, above all,
 * rejects broken ones: a validator that passed everything would make those tests worthless.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dtdErrors, reformatted, schemaErrors, TMX_DTD, XLIFF_XSD } from './helpers/xmllint.js';

const scratch = mkdtempSync(join(tmpdir(), 'tilmash-xmllint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const TMX = (header: string, body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  ${header}\n  <body>${body}</body>\n</tmx>\n`;
const HEADER = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ru" datatype="plaintext"/>';
const TU = '<tu><tuv xml:lang="ru"><seg>Привет</seg></tuv><tuv xml:lang="kk"><seg>Сәлем</seg></tuv></tu>';

const XLIFF = (unit: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n` +
  `<file original="a" source-language="ru" target-language="kk" datatype="plaintext"><body>${unit}</body></file>\n</xliff>\n`;

describe('xmllint (WebAssembly libxml2)', () => {
  it('accepts a valid TMX 1.4 file against the DTD', () => {
    expect(dtdErrors(file('ok.tmx', TMX(HEADER, TU)), TMX_DTD)).toBe('');
  });

  it('rejects TMX that breaks the DTD, naming the file, the line and the rule', () => {
    const missingAttribute = dtdErrors(file('no-srclang.tmx', TMX(HEADER.replace(' srclang="ru"', ''), TU)), TMX_DTD);
    expect(missingAttribute).toMatch(/no-srclang\.tmx:3/u);
    expect(missingAttribute).toMatch(/srclang/u);
    const unknownElement = dtdErrors(file('bad-child.tmx', TMX(HEADER, '<tu><tuv xml:lang="ru"><text>x</text></tuv></tu>')), TMX_DTD);
    expect(unknownElement).toMatch(/bad-child\.tmx:\d+.*text/u);
  });

  it('accepts a valid XLIFF 1.2 file against the strict schema (which imports xml.xsd)', () => {
    const ok = XLIFF('<trans-unit id="a.1" xml:space="preserve"><source>Привет</source><target state="translated">Сәлем</target></trans-unit>');
    expect(schemaErrors(file('ok.xlf', ok), XLIFF_XSD)).toBe('');
  });

  it('rejects XLIFF that the strict schema forbids', () => {
    const badState = schemaErrors(file('bad-state.xlf', XLIFF('<trans-unit id="a.1"><source>x</source><target state="done">y</target></trans-unit>')), XLIFF_XSD);
    expect(badState).toMatch(/bad-state\.xlf:\d+.*state/u);
    const noId = schemaErrors(file('no-id.xlf', XLIFF('<trans-unit><source>x</source></trans-unit>')), XLIFF_XSD);
    expect(noId).toMatch(/no-id\.xlf:\d+.*'id'/u);
  });

  it('rejects malformed XML under either schema', () => {
    expect(dtdErrors(file('broken.tmx', TMX(HEADER, '<tu><tuv xml:lang="ru"><seg>x</tuv></tu>')), TMX_DTD)).toMatch(/broken\.tmx:\d+/u);
    expect(schemaErrors(file('broken.xlf', '<xliff version="1.2"><file>'), XLIFF_XSD)).not.toBe('');
  });

  it('re-indents a file with --format and refuses to format a malformed one', () => {
    const flat = file('flat.tmx', TMX(HEADER, TU));
    expect(reformatted(flat)).toContain('\n      <tuv xml:lang="ru">\n');
    expect(() => reformatted(file('broken2.tmx', '<tmx><body></tmx>'))).toThrow(/--format/u);
  });
});
