/**
 * `tilmash review` end to end: the report of a real project (a missing key with a fuzzy
 * suggestion, a machine translation, a QA error, a changed key) opened in headless Chromium.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './helpers/chromium.js';
import { cleanupProjects, copyRepoProject, editJson, readProjectFile, runCli, writeProjectFile } from './helpers/project.js';

const browser = useBrowser(cleanupProjects);

function project(): string {
  const dir = copyRepoProject({ withLocales: true });
  editJson(dir, 'source/ui.ru.json', (ui) => {
    ui.footer = 'Поиск по всем статьям';
    (ui.app as Record<string, string>).greeting = 'Здравствуйте, {{name}}!';
  });
  const tm = readProjectFile(dir, 'tm/ru-en.jsonl')
    .replace('"target":"Eurasia News","origin":"human","status":"translated"', '"target":"Eurasia News","origin":"engine:deepl","status":"machine"')
    .replace('"target":"Hello, {{name}}!"', '"target":"Hello, {{имя}}!"');
  writeProjectFile(dir, 'tm/ru-en.jsonl', tm);
  return dir;
}

describe('tilmash review', () => {
  it('writes a static report that shows status, origin, findings and suggestions, and whose filters work', async () => {
    const dir = project();
    const result = await runCli(['review', '--out', 'report/review.html', '--json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: 'report/review.html', missing: 5, machine: 1 });
    const file = path.join(dir, 'report/review.html');

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`file://${file}`);

    const footer = page.locator('[id="row-ui.footer"]');
    await expect(footer.textContent()).resolves.toMatch(/missing/u);
    await expect(footer.textContent()).resolves.toMatch(/Search articles/u); // the fuzzy suggestion, not shipped
    await expect(footer.textContent()).resolves.toMatch(/\d{2}\s?%/u);
    await expect(page.locator('[id="row-ui.app.title"]').textContent()).resolves.toMatch(/machine[\s\S]*engine:deepl/u);
    await expect(page.locator('[id="row-ui.app.greeting"]').textContent()).resolves.toMatch(/placeholders/u);

    const visible = async () => (await page.locator('tbody tr[id^="row-"]:visible').evaluateAll((rows) => rows.map((r) => r.id))).sort();
    const all = await visible();
    expect(all.length).toBe(31);
    await page.getByLabel('machine').check();
    expect(await visible()).toEqual(['row-ui.app.title']);
    await page.getByLabel('machine').uncheck();
    await page.getByLabel('needs review').check();
    expect(await visible()).toEqual(['row-ui.app.greeting', 'row-ui.footer']);
    await page.getByLabel('needs review').uncheck();
    expect(await visible()).toEqual(all);

    const shot = path.join(dir, 'report/review.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
