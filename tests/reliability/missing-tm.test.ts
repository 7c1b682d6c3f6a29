/**
 * Issue 12, failure 2: a missing or mistyped TM folder is an error, not an empty TM (which would
 * empty the bundles); only a project that never had one starts without it, and the run says so.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, makeProject, runCli, snapshot } from '../helpers/project.js';
import { closeServers, deeplEnv, fakeDeepl, reliabilityProject, translateRequests } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

describe('a missing TM folder', () => {
  it('rm -rf tm with bundles and ledgers present: exit 5 naming the folder and the fix; nothing written', async () => {
    const dir = copyRepoProject({ withLocales: true });
    rmSync(path.join(dir, 'tm'), { recursive: true });
    const before = snapshot(dir);
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/tm: the TM folder is missing, but this project has bundles or a ledger built from a TM \(locales\//);
    expect(result.stderr).toMatch(/Fix: restore the TM folder .*git checkout -- tm.* or correct "tm\.dir"/);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'tm'))).toBe(false);
  });

  it('a mistyped tm.dir: exit 5, bundles untouched', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const config = path.join(dir, 'pipeline.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("tm: { dir: 'tm' }", "tm: { dir: 'tn' }"));
    const before = snapshot(dir);
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/tn: the TM folder is missing/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('status and check also refuse to read a vanished TM as empty', async () => {
    const dir = copyRepoProject({ withLocales: true });
    rmSync(path.join(dir, 'tm'), { recursive: true });
    for (const command of ['status', 'check']) {
      const result = await runCli([command], dir);
      expect(result.code, command).toBe(5);
      expect(result.stderr).toMatch(/the TM folder is missing/);
    }
  });

  it('a project that never had a TM (no bundles, no ledger): the run creates tm/ and says so', async () => {
    const dir = makeProject({ 'pipeline.config.ts': 'export default { targets: { en: {} } };\n', 'source/a.ru.txt': 'Заголовок\n\nПервый абзац статьи.\n' }, { link: false });
    const result = await runCli(['run'], dir);
    expect(result.stderr).not.toMatch(/tilmash: /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/note: Created the TM folder tm: this project had none/);
    expect(existsSync(path.join(dir, 'tm'))).toBe(true);
    const second = await runCli(['run'], dir);
    expect(second.stdout).not.toMatch(/Created the TM folder/);
  });

  it('the TM folder vanishing during a run stops it before any bundle is written', async () => {
    const dir = reliabilityProject(40);
    const fake = await fakeDeepl();
    expect((await runCli(['run'], dir, deeplEnv(fake))).code).toBe(0);
    writeFileSync(path.join(dir, 'source', 'late.ru.txt'), `Новый документ\n\n${Array.from({ length: 60 }, (_, i) => `Новое предложение номер ${i + 1}.`).join(' ')}\n`);
    const locales = snapshot(dir, 'locales');
    const slow = await fakeDeepl({ latencyMs: 150 });
    const runner = runCli(['run'], dir, { ...deeplEnv(slow) });
    while (translateRequests(slow).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    rmSync(path.join(dir, 'tm'), { recursive: true, force: true });
    const result = await runner;
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect([5, 9]).toContain(result.code);
    expect(result.stderr).toMatch(/tm(\/ru-[a-z]+\.journal)?: /);
    expect(snapshot(dir, 'locales')).toEqual(locales);
  });
});
