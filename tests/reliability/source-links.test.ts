/**
 * Issue 12, failure 3 (and the dangling-link and loop cases of failure 5): sources stay inside the
 * project. A link out of it (/etc/passwd, a .env with a key) is refused before anything is read or
 * sent; dangling links, loops and links to devices are named errors; `sourceLinks: 'anywhere'` allows
 * outside links explicitly.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupProjects, makeProject, runCli, snapshot } from '../helpers/project.js';
import { closeServers, deeplEnv, fakeDeepl, KEY, translateRequests } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

const CONFIG = "export default { targets: { en: {} }, qa: { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } } };\n";

function project(extraConfig = ''): string {
  return makeProject({ 'pipeline.config.ts': extraConfig ? CONFIG.replace('targets:', `${extraConfig} targets:`) : CONFIG, 'source/a.ru.txt': 'Заголовок\n\nПервый абзац статьи.\n' }, { link: false });
}

function expectNamedError(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(pattern);
}

describe('symbolic links among the sources', () => {
  it('a link to a .env outside the project: refused, the key never sent, nothing written', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'tilmash-outside-'));
    writeFileSync(path.join(outside, 'secret.ru.txt'), `DEEPL_AUTH_KEY=${KEY}\n`);
    const dir = project();
    symlinkSync(path.join(outside, 'secret.ru.txt'), path.join(dir, 'source', 'env.ru.txt'));
    const before = snapshot(dir);
    const fake = await fakeDeepl();
    const result = await runCli(['run'], dir, deeplEnv(fake));
    expectNamedError(result, /source\/env\.ru\.txt: resolves to .*secret\.ru\.txt, outside the project folder.*sourceLinks: 'anywhere'/s);
    expect(translateRequests(fake)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a link to /etc/passwd: refused', async () => {
    const dir = project();
    symlinkSync('/etc/passwd', path.join(dir, 'source', 'passwd.ru.txt'));
    expectNamedError(await runCli(['run'], dir), /passwd\.ru\.txt: resolves to \/etc\/passwd, outside the project folder/);
  });

  it("sourceLinks: 'anywhere' allows an outside link explicitly", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'tilmash-outside-'));
    writeFileSync(path.join(outside, 'shared.ru.txt'), 'Общий текст\n\nАбзац из общей папки.\n');
    const dir = project("sourceLinks: 'anywhere',");
    symlinkSync(path.join(outside, 'shared.ru.txt'), path.join(dir, 'source', 'shared.ru.txt'));
    const result = await runCli(['status'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a link inside the project is followed', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'texts'));
    writeFileSync(path.join(dir, 'texts', 'b.ru.txt'), 'Второй\n\nЕщё один абзац.\n');
    symlinkSync(path.join(dir, 'texts', 'b.ru.txt'), path.join(dir, 'source', 'b.ru.txt'));
    expect((await runCli(['status'], dir)).code).toBe(0);
  });

  it('a dangling link: a named error with the missing target and the fix', async () => {
    const dir = project();
    symlinkSync(path.join(dir, 'nowhere.ru.txt'), path.join(dir, 'source', 'gone.ru.txt'));
    expectNamedError(await runCli(['run'], dir), /source\/gone\.ru\.txt: a dangling symbolic link \(it points to .*nowhere\.ru\.txt, which does not exist\)\. Fix: restore the target or delete the link/);
  });

  it('a link loop: a named error', async () => {
    const dir = project();
    symlinkSync(path.join(dir, 'source', 'b.ru.txt'), path.join(dir, 'source', 'a2.ru.txt'));
    symlinkSync(path.join(dir, 'source', 'a2.ru.txt'), path.join(dir, 'source', 'b.ru.txt'));
    expectNamedError(await runCli(['run'], dir), /source\/a2\.ru\.txt: a symbolic-link loop/);
  });

  it('a folder link back to its parent (a loop through folders): a named error, no endless walk', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'pipeline.config.ts'), CONFIG.replace('targets:', "sources: ['source/**/*.ru.txt'], targets:"));
    symlinkSync(path.join(dir, 'source'), path.join(dir, 'source', 'again'));
    expectNamedError(await runCli(['status'], dir), /a symbolic-link loop/);
  });

  it('a link to a character device: a named error, nothing read', async () => {
    const dir = project();
    symlinkSync('/dev/zero', path.join(dir, 'source', 'zero.ru.txt'));
    expectNamedError(await runCli(['status'], dir), /source\/zero\.ru\.txt: a symbolic link to something that is not a regular file \(\/dev\/zero\)/);
  });
});
