/**
 * Issue 12, failure 1 (and the read-only / full-disk cases of failure 5): a TM write that fails stops
 * the run at once — nothing more is sent, the answers in flight are kept (a recovery file beside the
 * TM), the run exits 9 naming the path, the errno and the fix, and the next run folds them in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupProjects, readTm, runCli } from '../helpers/project.js';
import { fillUp, mountSkipReason, mountTmpfs, remount, unmountAll } from '../helpers/mounts.js';
import type { FakeDeepl } from '../helpers/fake-deepl-server.js';
import { closeServers, deeplEnv, fakeDeepl, reliabilityProject, translateRequests } from './reliability-project.js';

const skip = mountSkipReason();
if (skip) console.warn(`disk-faults: skipped: ${skip}`);

afterEach(closeServers);
afterAll(() => {
  unmountAll();
  cleanupProjects();
});

/** 120 sentences × 3 locales in batches of 10: 36 requests when nothing fails. */
const SENTENCES = 120;
const recoveryFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('tm.recovery.'));
const CODE: Record<string, string> = { en: 'EN-US', kk: 'KK', zh: 'ZH-HANS' };
/** `<engine language>\u0000<source>` of every entry in the recovery files beside the TM. */
function recoveredKeys(dir: string): string[] {
  return recoveryFiles(dir).flatMap((name) => {
    const locale = /ru-([a-z-]+)\.journal$/i.exec(name)?.[1] as string;
    const lines = readFileSync(path.join(dir, name), 'utf8').trim().split('\n');
    return lines.map((line) => `${CODE[locale]}\u0000${(JSON.parse(line) as { source: string }).source}`);
  });
}
const sentKeys = (fake: FakeDeepl) => translateRequests(fake).flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang).toUpperCase()}\u0000${t}`));

describe.skipIf(skip !== undefined)('a failed durable write stops the run', () => {
  it('read-only TM folder: exit 9 naming the journal, EROFS and the fix; nothing sent after; the next run folds the answers in', async () => {
    const dir = reliabilityProject(SENTENCES);
    const tm = path.join(dir, 'tm');
    mountTmpfs(tm, 1024);
    remount(tm, 'ro');
    const fake = await fakeDeepl({ latencyMs: 20 });
    const result = await runCli(['run'], dir, deeplEnv(fake));
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.code).toBe(9);
    expect(result.stderr).toMatch(/tm\/ru-(en|kk|zh)\.journal: cannot append to the TM journal \(EROFS/);
    expect(result.stderr).toMatch(/Fix: make .* writable/);
    expect(result.stderr).toMatch(/Nothing more was sent/);
    // Only the requests already in flight when the first answer failed to record (concurrency 2, one
    // queue per engine) were sent: not the 36 the run needed.
    const sent = translateRequests(fake).length;
    expect(sent).toBeLessThanOrEqual(4);
    // Every paid answer is in a recovery file beside the TM.
    const recovered = recoveredKeys(dir);
    expect(recovered.sort()).toEqual(sentKeys(fake).sort());

    remount(tm, 'rw');
    const again = await fakeDeepl();
    const second = await runCli(['run'], dir, deeplEnv(again));
    expect(second.stderr).not.toMatch(/tilmash: /);
    expect(second.code).toBe(0);
    // Nothing paid in the first run is paid again; the recovery files are folded and removed.
    const resent = new Set(sentKeys(again));
    expect(recovered.filter((key) => resent.has(key))).toEqual([]);
    expect(resent.size).toBe(3 * SENTENCES - recovered.length);
    expect(recoveryFiles(dir)).toEqual([]);
    for (const locale of ['en', 'kk', 'zh']) expect(readTm(dir, locale)).toHaveLength(SENTENCES);
  });

  it('full disk under tm/: exit 9 with ENOSPC and "free disk space", nothing sent after, the answers kept', async () => {
    const dir = reliabilityProject(SENTENCES);
    const tm = path.join(dir, 'tm');
    mountTmpfs(tm, 64);
    fillUp(tm);
    const fake = await fakeDeepl({ latencyMs: 20 });
    const result = await runCli(['run'], dir, deeplEnv(fake));
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.code).toBe(9);
    expect(result.stderr).toMatch(/ENOSPC/);
    expect(result.stderr).toMatch(/Fix: free disk space/);
    expect(translateRequests(fake).length).toBeLessThanOrEqual(4);
    expect(recoveredKeys(dir).sort()).toEqual(sentKeys(fake).sort());
    expect(existsSync(path.join(dir, 'locales'))).toBe(false); // nothing written after the failure
  });
});
