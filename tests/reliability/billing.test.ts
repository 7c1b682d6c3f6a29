/**
 * Issue 12, failure 8 (billing): `billedCharacters` counts everything the engine billed, answers that
 * were rejected (pieces lost) and sent again included, so it equals what the server billed; the
 * report also shows the useful characters (answers kept).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupProjects, makeProject, runCli } from '../helpers/project.js';
import { closeServers, configText, deeplEnv, fakeDeepl } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

const UI = `${JSON.stringify({ app: { greeting: 'Здравствуйте, {{name}}!', count: 'У вас {{count}} новых писем.', plain: 'Добро пожаловать на сайт.' } }, null, 2)}\n`;

describe('honest billing', () => {
  it('answers rejected and retried are billed and counted; useful characters are those kept', async () => {
    const dir = makeProject({ 'pipeline.config.ts': configText({ batchSize: 10 }), 'source/ui.ru.json': UI }, { link: false });
    const fake = await fakeDeepl({ mangle: { mode: 'placeholders', only: 'xml' } });
    const result = await runCli(['run', '--json'], dir, deeplEnv(fake));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { locales: Array<{ locale: string; retried: number; billedCharacters: number; usefulCharacters?: number }> };
    const billed = report.locales.reduce((n, l) => n + l.billedCharacters, 0);
    const useful = report.locales.reduce((n, l) => n + (l.usefulCharacters ?? 0), 0);
    expect(report.locales.some((l) => l.retried > 0)).toBe(true);
    expect(billed).toBe(fake.billedCharacters()); // every billed character, rejected answers included
    expect(useful).toBeGreaterThan(0);
    expect(useful).toBeLessThan(billed);
    const human = await runCli(['run'], makeProject({ 'pipeline.config.ts': configText({ batchSize: 10 }), 'source/ui.ru.json': UI }, { link: false }), deeplEnv(fake));
    expect(human.stdout).toMatch(/Billed \d+ characters; \d+ of them for answers kept \(the rest were rejected and sent again\)/);
  });
});
