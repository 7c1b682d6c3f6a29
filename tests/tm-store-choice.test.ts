/**
 * Which TM store a job uses (no server needed): the file TM by default, PostgreSQL from `tm.store`
 * or TILMASH_TM_URL; a wrong value is a config error that never shows the password.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { TilmashError } from '../src/errors.js';
import { openJobTm, tmStoreUrl } from '../src/job/open-job-tm.js';
import { redactUrl, scrubPassword } from '../src/tm/postgres/pg-url.js';
import { cleanupProjects, makeProject } from './helpers/project.js';

const saved = process.env['TILMASH_TM_URL'];
afterEach(() => {
  if (saved === undefined) delete process.env['TILMASH_TM_URL'];
  else process.env['TILMASH_TM_URL'] = saved;
  cleanupProjects();
});

describe('choosing the TM store', () => {
  it('is the file TM without tm.store and TILMASH_TM_URL', async () => {
    delete process.env['TILMASH_TM_URL'];
    const dir = makeProject({}, { link: false });
    const config = resolveConfig({}, path.join(dir, 'pipeline.config.ts'));
    expect(tmStoreUrl(config)).toBeUndefined();
    const tm = await openJobTm(config);
    expect(tm.kind).toBe('file');
    expect(await tm.claim('en', ['а', 'б'])).toEqual({ mine: ['а', 'б'], others: [] }); // the project lock serialises writers
    await tm.close();
  });

  it('takes tm.store over TILMASH_TM_URL, and TILMASH_TM_URL without it', () => {
    process.env['TILMASH_TM_URL'] = 'postgres://env@db/tm';
    const dir = makeProject({}, { link: false });
    expect(tmStoreUrl(resolveConfig({ tm: { store: 'postgresql://cfg@db/tm' } }, path.join(dir, 'pipeline.config.ts')))).toBe('postgresql://cfg@db/tm');
    expect(tmStoreUrl(resolveConfig({}, path.join(dir, 'pipeline.config.ts')))).toBe('postgres://env@db/tm');
  });

  it('refuses a tm.store that is not a PostgreSQL URL, with the password hidden', () => {
    const dir = makeProject({}, { link: false });
    const error = (() => {
      try {
        resolveConfig({ tm: { store: 'mysql://user:hunter2-secret@db/tm' } }, path.join(dir, 'pipeline.config.ts'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TilmashError);
    expect((error as TilmashError).kind).toBe('config');
    expect((error as Error).message).toContain('tm.store');
    expect((error as Error).message).not.toContain('hunter2-secret');
  });

  it('refuses a TILMASH_TM_URL that is not a PostgreSQL URL, with the password hidden', () => {
    process.env['TILMASH_TM_URL'] = 'redis://user:hunter2-secret@db:6379';
    const dir = makeProject({}, { link: false });
    expect(() => tmStoreUrl(resolveConfig({}, path.join(dir, 'pipeline.config.ts')))).toThrow(/TILMASH_TM_URL: expected a PostgreSQL URL.*user:\*\*\*@db/u);
  });

  it('redacts passwords in URLs and in driver messages', () => {
    expect(redactUrl('postgres://tilmash:s3cr%40t@db:5432/tm')).toBe('postgres://tilmash:***@db:5432/tm');
    expect(redactUrl('postgres://tilmash@db/tm')).toBe('postgres://tilmash@db/tm');
    expect(scrubPassword('password authentication failed: s3cr@t', 'postgres://tilmash:s3cr%40t@db/tm')).toBe('password authentication failed: ***');
  });
});
