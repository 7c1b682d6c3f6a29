/**
 * The static report after a commit, an edit and a run: "changed" is measured against the committed
 * ledgers (not the ledger the run just rewrote) and agrees with `tilmash diff`; a key QA holds back
 * shows the machine translation the TM has, with its finding, and the summary counts it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationMemory } from '../src/tm/index.js';
import { useBrowser } from './helpers/chromium.js';
import { cleanupProjects, copyRepoProject, editJson, runCli } from './helpers/project.js';
import { gitCommitAll } from './helpers/review-server.js';

const browser = useBrowser(cleanupProjects);

const AT = '2026-11-27T00:00:00.000Z';
const human = (source: string, target: string, status: 'translated' | 'needs-review' = 'translated', origin = 'human') => ({ source, target, origin, status, created: AT, changed: AT });

describe('review report after a commit, an edit and a run', () => {
  it('"changed" lists the edited, added and newly held-back keys, as diff does; held-back MT is shown', async () => {
    const dir = copyRepoProject({ withLocales: true });
    gitCommitAll(dir, 'the sample, reviewed');

    editJson(dir, 'source/ui.ru.json', (ui) => {
      (ui.app as Record<string, string>).search = 'Искать по статьям';
      ui.footer = 'Подписаться на новости';
      ui.decree = 'Указ № 1 подписан в Ашхабаде 12 мая.';
    });
    const tm = await TranslationMemory.open(path.join(dir, 'tm'), 'ru');
    await tm.record('en', [human('Искать по статьям', 'Search the articles'), human('Подписаться на новости', 'Subscribe to news')]);
    await tm.record('zh', [human('Искать по статьям', '在文章中查找'), human('Подписаться на новости', '订阅新闻')]);
    await tm.record('kk', [
      human('Искать по статьям', 'Мақалалардан іздеу'),
      human('Подписаться на новости', 'Жаңалықтарға жазылу'),
      human('Здравствуйте, {{name}}!', 'Сәлеметсіз бе, {{аты}}!', 'needs-review', 'engine:deepl'),
      // A look-alike of another sentence (other number, other city): never offered for ui.decree.
      human('Указ № 121 подписан в Сиане 12 мая.', '№ 121 Жарлыққа 12 мамырда Сианьда қол қойылды.'),
      human('Указ № 1 подписали в Ашхабаде 12 мая.', '№ 1 Жарлыққа 12 мамырда Ашхабадта қол қойды.'),
    ]);
    await tm.save();
    expect((await runCli(['run'], dir)).code).toBe(0);

    const diff = JSON.parse((await runCli(['diff', '--json'], dir)).stdout) as { changes: Array<{ locale: string; namespace: string; key: string; kind: string }> };
    const diffKeys = [...new Set(diff.changes.filter((c) => c.locale !== 'ru').map((c) => `row-${c.namespace}.${c.key}`))].sort();
    expect(diffKeys).toEqual(['row-ui.app.greeting', 'row-ui.app.search', 'row-ui.footer']);

    const result = await runCli(['review', '--out', 'review.html', '--json'], dir);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ heldBack: 2, changed: 12, base: 'HEAD' }); // search and footer × 5 locales, kk and kk-Latn greeting

    const page = await browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`file://${path.join(dir, 'review.html')}`);
    const visible = async () => (await page.locator('tbody tr[id^="row-"]:visible').evaluateAll((rows) => rows.map((r) => r.id))).sort();
    await page.getByLabel('changed').check();
    expect(await visible()).toEqual(diffKeys);
    const greeting = page.locator('[id="row-ui.app.greeting"] td[data-locale="kk"]');
    await expect(greeting.locator('.held-back').textContent()).resolves.toBe('Сәлеметсіз бе, {{аты}}!');
    await expect(greeting.textContent()).resolves.toMatch(/held back[\s\S]*placeholders/u);
    await expect(greeting.textContent()).resolves.not.toMatch(/missing — no translation/u);
    await expect(page.locator('[data-count="kk:held-back"]').textContent()).resolves.toBe('1');
    await expect(page.locator('#base').textContent()).resolves.toBe('HEAD');
    const decree = page.locator('[id="row-ui.decree"] td[data-locale="kk"]');
    await expect(decree.locator('.suggestion-source').allTextContents()).resolves.toEqual(['Указ № 1 подписали в Ашхабаде 12 мая.']);
    await expect(decree.textContent()).resolves.not.toMatch(/Сиан/u);

    // A second run changes nothing, and "changed" still compares with the commit.
    expect((await runCli(['run'], dir)).code).toBe(0);
    expect(JSON.parse((await runCli(['review', '--out', 'review.html', '--json'], dir)).stdout)).toMatchObject({ changed: 12 });
    await page.close();
  });
});
