/**
 * Issue 12, failures 5 and 7: inputs that used to crash with "internal error" and a stack trace now
 * get a named error (file, place, fix) with their own exit code, and write nothing. (Dangling links
 * and loops: source-links.test.ts; read-only TM and full disk: disk-faults.test.ts.)
 */
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, runCli, snapshot } from '../helpers/project.js';

afterAll(cleanupProjects);

function expectNamed(result: { code: number | null; stderr: string }, code: number, pattern: RegExp): void {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.stderr).toMatch(pattern);
  expect(result.code).toBe(code);
}

const nested = (levels: number) => `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}\n`;
const TMX_HEAD = '<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>';

describe('no stack trace for any input', () => {
  it('JSON nested 2,000 and 200,000 levels: the depth limit named in the message (exit 4)', async () => {
    for (const levels of [2000, 200_000]) {
      const dir = copyRepoProject({ withLocales: true });
      writeFileSync(path.join(dir, 'source', 'deep.ru.json'), nested(levels));
      const before = snapshot(dir);
      expectNamed(await runCli(['run'], dir), 4, /source\/deep\.ru\.json:1: objects and arrays nested more than 256 levels deep \(the depth limit\)/);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('an external entity in a TMX, an XLIFF and a TBX glossary, and a parameter entity: refused by name, nothing read', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const before = snapshot(dir, 'tm');
    writeFileSync(path.join(dir, 'xxe.tmx'), `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${TMX_HEAD}<body><tu><tuv xml:lang="ru"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>\n`);
    expectNamed(await runCli(['tm', 'import', 'xxe.tmx'], dir), 5, /xxe\.tmx:2.*an external entity 'xxe' \(SYSTEM "file:\/\/\/etc\/passwd"\) in the DOCTYPE is refused/);
    writeFileSync(path.join(dir, 'pe.tmx'), `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY % pe SYSTEM "http://example.invalid/x.dtd"> %pe;]>\n${TMX_HEAD}<body></body></tmx>\n`);
    expectNamed(await runCli(['tm', 'import', 'pe.tmx'], dir), 5, /pe\.tmx:2.*a parameter entity 'pe'/);
    writeFileSync(path.join(dir, 'xxe.xlf'), '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2"><file original="a" source-language="ru" target-language="en" datatype="plaintext"><body><trans-unit id="a"><source>&xxe;</source><target>x</target></trans-unit></body></file></xliff>\n');
    expectNamed(await runCli(['xliff', 'import', 'xxe.xlf'], dir), 2, /xxe\.xlf:2:\d+: .*an external entity 'xxe'/);
    expect(snapshot(dir, 'tm')).toEqual(before);

    writeFileSync(path.join(dir, 'glossary.tbx'), '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<martif type="TBX"><text><body><termEntry><langSet xml:lang="ru"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>\n');
    const config = path.join(dir, 'pipeline.config.ts');
    writeFileSync(config, (await import('node:fs')).readFileSync(config, 'utf8').replace("glossary: 'glossary.json'", "glossary: 'glossary.tbx'"));
    expectNamed(await runCli(['status'], dir), 3, /glossary\.tbx:2:\d+: an external entity 'xxe'/);
  });

  it('--out a folder, a device, a link to stdout, or under a file: refused before any work (exit 9), nothing replaced', async () => {
    const dir = copyRepoProject({ withLocales: true });
    mkdirSync(path.join(dir, 'out.html'));
    const links = mkdtempSync(path.join(tmpdir(), 'tilmash-links-'));
    const stdoutLink = path.join(links, 'stdout.html'); // outside the project: the snapshot does not read it
    symlinkSync('/dev/stdout', stdoutLink);
    const cases: Array<[string[], RegExp]> = [
      [['review', '--out', 'out.html'], /out\.html: the output path is a folder; Tilmash writes only regular files/],
      [['tm', 'export', '--out', 'out.html'], /out\.html: the output path is a folder/],
      [['review', '--out', '/dev/zero'], /\/dev\/zero: the output path is a device/],
      [['tm', 'export', '--out', '/dev/null'], /\/dev\/null: the output path is a device/],
      [['review', '--out', stdoutLink], /stdout\.html: the output path is a symbolic link \(Tilmash never follows a link at an output path\)/],
      [['xliff', 'export', '--out', 'glossary.json'], /glossary\.json: the output folder is a file, not a folder/],
      [['review', '--out', 'glossary.json/r.html'], /glossary\.json\/r\.html: .*ENOTDIR.*Fix: /],
    ];
    const before = snapshot(dir);
    for (const [args, pattern] of cases) expectNamed(await runCli(args, dir), 9, pattern);
    expect(snapshot(dir)).toEqual(before);
    expect(lstatSync(stdoutLink).isSymbolicLink()).toBe(true); // the link is not replaced by a file
  });

  it('a bundle path that is a folder: exit 9 naming it, nothing written', async () => {
    const dir = copyRepoProject({ withLocales: true });
    rmSync(path.join(dir, 'locales', 'en', 'article.json'));
    mkdirSync(path.join(dir, 'locales', 'en', 'article.json'));
    const before = snapshot(dir);
    expectNamed(await runCli(['run'], dir), 9, /locales\/en\/article\.json: the bundle path is a folder/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a malformed DEEPL_SERVER_URL: a config error naming the variable (exit 3)', async () => {
    const dir = copyRepoProject({ withLocales: true });
    expectNamed(await runCli(['status'], dir, { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: 'ht!tp://[bad' }), 3, /DEEPL_SERVER_URL="ht!tp:\/\/\[bad": not an http\(s\) URL/);
  });
});
