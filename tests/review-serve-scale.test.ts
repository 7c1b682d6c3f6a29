/**
 * `tilmash review --serve` over 10,000 keys: the page lists them a page at a time (server-side
 * filters and paging), first paint within 2 s, and a search finds a key on a later page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { cleanupProjects, makeProject } from './helpers/project.js';
import { serveReview, type ServedReview } from './helpers/review-server.js';

const KEYS = 10_000;
const AT = '2026-11-26T00:00:00.000Z';

function bigProject(): string {
  const strings: Record<string, string> = {};
  const tm: string[] = [];
  for (let i = 0; i < KEYS; i++) {
    const source = `Заявка номер ${i} принята, {{name}}`;
    strings[`key${String(i).padStart(5, '0')}`] = source;
    tm.push(JSON.stringify({ source, target: `№ ${i} өтінім қабылданды, {{name}}`, origin: 'engine:deepl', status: 'machine', created: AT, changed: AT }));
  }
  tm.sort((a, b) => (JSON.parse(a).source < JSON.parse(b).source ? -1 : 1));
  return makeProject({
    'pipeline.config.ts': "import { defineConfig } from './src/config/config-types.js';\nexport default defineConfig({ targets: { en: {}, kk: {}, zh: {} }, sources: ['source/*.ru.json'] });\n",
    'source/big.ru.json': `${JSON.stringify(strings, null, 2)}\n`,
    'tm/ru-kk.jsonl': `${tm.join('\n')}\n`,
  });
}

let browser: Browser;
let served: ServedReview;
beforeAll(async () => {
  browser = await launchChromium();
  served = await serveReview(bigProject());
}, 120_000);
afterAll(async () => {
  await served?.stop();
  await browser?.close();
  cleanupProjects();
});

describe('review server at scale', () => {
  it('shows the first page of 30,000 units within 2 s and finds a key on a later page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = performance.now();
    await page.goto(served.url);
    await page.locator('article.unit').first().waitFor();
    const firstPaint = performance.now() - started;
    console.log(`review --serve, ${KEYS} keys × 3 locales: first paint ${Math.round(firstPaint)} ms`);
    expect(firstPaint).toBeLessThanOrEqual(2000);
    expect(await page.locator('article.unit').count()).toBe(50);
    await expect(page.locator('#counter').textContent()).resolves.toBe(`1–50 of ${KEYS * 3} units (${KEYS * 3} in all)`);

    await page.selectOption('#filter-locale', 'kk');
    await page.fill('#search', 'key09876');
    // Filtering 30,000 units is the server's work: waited for, not timed (the machine may be loaded).
    await expect.poll(() => page.locator('#units').getAttribute('data-query'), { timeout: 20_000 }).toBe('locale=kk&q=key09876');
    expect(await page.locator('article.unit').evaluateAll((n) => n.map((u) => u.getAttribute('data-key')))).toEqual(['big.key09876']);
    await expect(page.locator('article.unit .held-back, article.unit .current .text').first().textContent()).resolves.toBe('№ 9876 өтінім қабылданды, {{name}}');
    await page.close();
  });
});
