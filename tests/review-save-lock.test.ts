/** A review save takes the project lock: while another command holds it, the save is refused and nothing is written. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { acquireProjectLock } from '../src/lock/project-lock.js';
import { saveReview } from '../src/workflows/review/save-review.js';
import { cleanupProjects, copyRepoProject, snapshot } from './helpers/project.js';

afterAll(cleanupProjects);

describe('review save and the project lock', () => {
  it('refuses a save while a run holds the lock, writing nothing; saves again once it is released', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const config = await loadConfig(path.join(dir, 'pipeline.config.ts'));
    const before = snapshot(dir);
    const lock = await acquireProjectLock(dir, 'run', { waitMs: 0 });
    const result = await saveReview(config, { namespace: 'ui', key: 'app.title', locale: 'kk', action: 'comment', comment: 'ok', version: 'any' });
    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    expect((result as { message: string }).message).toMatch(/run/u);
    await lock.release();
    expect(snapshot(dir)).toEqual(before);
    // Without the lock the same request reaches the version check (the page's version is stale).
    expect(await saveReview(config, { namespace: 'ui', key: 'app.title', locale: 'kk', action: 'comment', comment: 'ok', version: 'any' })).toMatchObject({ ok: false, reason: 'conflict', message: expect.stringContaining('changed on disk') });
  }, 30_000);
});
