import { mkdtemp, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReviewHtml } from '../src/review/render-review-html.js';
import type { ReviewCell, ReviewData } from '../src/review/review-types.js';
import { launchChromium } from './helpers/chromium.js';

const HOSTILE = '<img src=x onerror="window.__xss=1">';

function cell(fields: Partial<ReviewCell> & Pick<ReviewCell, 'status'>): ReviewCell {
  return { changed: false, findings: [], suggestions: [], ...fields };
}

/**
 * Six keys: every status, the four origin kinds, findings of each severity, suggestions, changed
 * cells, Kazakh and Chinese text, i18next markup and a hostile target. Flags per row
 * (needs-review / machine / changed): greeting ---, terms -M-, p1-s1 --C, p1-s2 NMC, hostile N--, items N-C.
 */
const DATA: ReviewData = {
  title: 'Tilmash review — sample',
  generated: '2026-03-01T12:00:00.000Z',
  sourceLocale: 'ru',
  locales: ['en', 'kk', 'zh'],
  rows: [
    {
      namespace: 'app',
      key: 'greeting',
      source: 'Привет, {{name}}!',
      cells: {
        en: cell({ status: 'reviewed', origin: 'human', target: 'Hello, {{name}}!' }),
        kk: cell({ status: 'translated', origin: 'import:tmx', target: 'Сәлем, {{name}}!' }),
        zh: cell({ status: 'reviewed', origin: 'human', target: '你好，{{name}}！' }),
      },
    },
    {
      namespace: 'app',
      key: 'terms',
      source: 'Примите <0>условия</0> и <link>политику</link>',
      cells: {
        en: cell({ status: 'machine', origin: 'engine:deepl', target: 'Accept the <0>terms</0> and <link>policy</link>' }),
        kk: cell({
          status: 'machine',
          origin: 'engine:deepl',
          target: '<0>Шарттарды</0> және <link>саясатты</link> қабылдаңыз',
          findings: [{ check: 'glossary', severity: 'warn', message: 'glossary term "политика" expected as "саясат"' }],
        }),
        zh: cell({ status: 'translated', origin: 'import:xliff', target: '接受<0>条款</0>和<link>政策</link>' }),
      },
    },
    {
      namespace: 'article',
      key: 'p1-s1',
      source: 'Касым-Жомарт Токаев прибыл в Сиань.',
      cells: {
        en: cell({ status: 'translated', origin: 'human', target: "Kassym-Jomart Tokayev arrived in Xi'an.", changed: true }),
        kk: cell({ status: 'translated', origin: 'human', target: 'Қазақстан Президенті Қасым-Жомарт Тоқаев Сианьға келді: әңгіме, ғылым, өнер, ұлт, үміт, һәм іс.' }),
        zh: cell({
          status: 'translated',
          origin: 'human',
          target: '哈萨克斯坦总统托卡耶夫抵达西安，出席中国—中亚峰会，并与各国领导人就经贸合作、互联互通、能源安全、人文交流等广泛议题深入交换意见，双方一致同意进一步深化全面战略伙伴关系。',
          findings: [{ check: 'length', severity: 'info', message: 'target is 2.1× the source length' }],
        }),
      },
    },
    {
      namespace: 'article',
      key: 'p1-s2',
      source: 'Си Цзиньпин объявил о кредитах на 26 млрд юаней.',
      cells: {
        en: cell({ status: 'machine', origin: 'engine:deepl', target: 'Xi Jinping announced loans of 26 billion yuan.' }),
        kk: cell({ status: 'translated', origin: 'import:tmx', target: 'Си Цзиньпин 26 млрд юань несие жариялады.' }),
        zh: cell({
          status: 'needs-review',
          origin: 'engine:deepl',
          target: '习近平宣布提供26元贷款。',
          changed: true,
          findings: [{ check: 'numbers', severity: 'error', message: 'number "26 млрд" (2.6e10) not found in the target' }],
        }),
      },
    },
    {
      namespace: 'app',
      key: 'hostile',
      source: 'Картинка',
      cells: {
        en: cell({ status: 'translated', origin: 'import:xliff', target: HOSTILE }),
        kk: cell({
          status: 'missing',
          suggestions: [{ source: 'Картинки', target: 'Суреттер', similarity: 0.875, origin: 'human' }],
        }),
        zh: cell({ status: 'translated', origin: 'human', target: '图片 & \'引号\' "x"' }),
      },
    },
    {
      namespace: 'app',
      key: 'items',
      source: 'one: {{count}} элемент\nfew: {{count}} элемента\nmany: {{count}} элементов\nother: {{count}} элемента',
      cells: {
        en: cell({ status: 'translated', origin: 'human', target: 'one: {{count}} item\nother: {{count}} items', changed: true }),
        kk: cell({
          status: 'translated',
          origin: 'engine:deepl',
          target: 'other: {{count}} элемент',
          findings: [{ check: 'placeholders', severity: 'error', message: 'placeholder {{count}} appears twice' }],
          suggestions: [{ source: '{{count}} элементов', target: '{{count}} элемент', similarity: 0.999, origin: 'engine:deepl' }],
        }),
        zh: cell({ status: 'translated', origin: 'human', target: 'other: {{count}} 个项目' }),
      },
    },
  ],
};

const ALL = ['app.greeting', 'app.terms', 'article.p1-s1', 'article.p1-s2', 'app.hostile', 'app.items'];

describe('renderReviewHtml (string)', () => {
  it('is deterministic for the same data', () => {
    expect(renderReviewHtml(DATA)).toBe(renderReviewHtml(structuredClone(DATA)));
  });

  it('escapes every text: markup in targets, titles and keys stays text', () => {
    const html = renderReviewHtml({
      ...DATA,
      title: '</title><script>alert(1)</script>',
      rows: [...DATA.rows, { namespace: 'x"y', key: "a b'c", source: '<b>&amp;</b>', cells: {} }],
    });
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(html).toContain('&lt;0&gt;terms&lt;/0&gt; and &lt;link&gt;policy&lt;/link&gt;');
    expect(html).toContain('图片 &amp; &#39;引号&#39; &quot;x&quot;');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(html).toContain('id="row-x&quot;y.a%20b&#39;c"');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    // Nothing that could make a request: no src attributes, links only to in-page fragments.
    expect(html).not.toMatch(/<[^>]*\ssrc=/);
    expect(html).not.toMatch(/<[^>]*\shref="(?!#)/);
  });

  it('counts statuses per locale and QA findings in the header', () => {
    const html = renderReviewHtml(DATA);
    expect(html).toContain('data-count="kk:missing">1<');
    expect(html).toContain('data-count="en:machine">2<');
    expect(html).toContain('data-count="zh:needs-review">1<');
    expect(html).toContain('data-count="en:changed">2<');
    expect(html).toMatch(/id="qa-errors">2 QA errors</);
    expect(html).toMatch(/id="qa-warnings">1 QA warning</);
    // A key absent from a row's cells is shown as missing.
    expect(renderReviewHtml({ ...DATA, locales: ['en', 'kk', 'zh', 'de'] })).toContain('data-count="de:missing">6<');
  });

  it('shows similarity rounded down and refuses one outside [0, 1]', () => {
    const html = renderReviewHtml(DATA);
    expect(html).toContain('>87%<');
    expect(html).toContain('>99%<');
    const bad = structuredClone(DATA);
    bad.rows[4]!.cells.kk!.suggestions[0]!.similarity = 1.5;
    expect(() => renderReviewHtml(bad)).toThrow(/key "app\.hostile", locale kk: suggestion similarity 1\.5/);
  });
});

describe('review report in Chromium', () => {
  let dir: string;
  let browser: Browser | undefined;
  let page: Page;
  let fileUrl: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tilmash-review-'));
    const file = join(dir, 'review.html');
    await writeFile(file, renderReviewHtml(DATA), 'utf8');
    fileUrl = pathToFileURL(file).href;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const row = (name: string) => page.locator(`[id="row-${name}"]`);
  async function visibleRows(): Promise<string[]> {
    const shown: string[] = [];
    for (const name of ALL) if (await row(name).isVisible()) shown.push(name);
    return shown;
  }
  async function setFilters(on: { needsReview?: boolean; machine?: boolean; changed?: boolean; search?: string }): Promise<void> {
    await page.locator('#filter-needs-review').setChecked(on.needsReview ?? false);
    await page.locator('#filter-machine').setChecked(on.machine ?? false);
    await page.locator('#filter-changed').setChecked(on.changed ?? false);
    await page.locator('#search').fill(on.search ?? '');
  }
  async function expectShown(names: string[]): Promise<void> {
    expect(await visibleRows()).toEqual(names);
    await expect.poll(() => page.locator('#counter').textContent()).toBe(`${names.length} of ${ALL.length} keys shown`);
  }

  it('renders every row with its cells', async () => {
    await expectShown(ALL);
    expect(await page.locator('table.review tbody tr').count()).toBe(6);
    expect(await row('app.hostile').locator('td[data-locale="kk"] .text.placeholder').textContent()).toContain('missing');
    expect(await row('app.hostile').locator('.suggestions').innerText()).toContain('suggestion — not shipped');
    expect(await row('article.p1-s2').locator('td[data-locale="zh"] .finding').innerText()).toMatch(/error\s+numbers/);
  });

  it('each filter alone and combined shows exactly the expected rows', async () => {
    const cases: Array<[Parameters<typeof setFilters>[0], string[]]> = [
      [{ needsReview: true }, ['article.p1-s2', 'app.hostile', 'app.items']],
      [{ machine: true }, ['app.terms', 'article.p1-s2']],
      [{ changed: true }, ['article.p1-s1', 'article.p1-s2', 'app.items']],
      [{ needsReview: true, changed: true }, ['article.p1-s2', 'app.items']],
      [{ needsReview: true, machine: true, changed: true }, ['article.p1-s2']],
      [{}, ALL],
    ];
    for (const [filters, expected] of cases) {
      await setFilters(filters);
      await expectShown(expected);
    }
  });

  it('the search box filters, case-insensitively and together with the toggles', async () => {
    await setFilters({ search: 'ҚАЗАҚСТАН' });
    await expectShown(['article.p1-s1']);
    await setFilters({ search: '习近平' });
    await expectShown(['article.p1-s2']);
    await setFilters({ search: 'app. {{count}}' });
    await expectShown(['app.items']);
    await setFilters({ search: '习近平', machine: false, changed: true });
    await expectShown(['article.p1-s2']);
    await setFilters({ search: 'policy', needsReview: true });
    await expectShown([]);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await setFilters({});
    await expectShown(ALL);
    expect(await page.locator('#no-match').isVisible()).toBe(false);
  });

  it('shows hostile and i18next markup as text, never as elements', async () => {
    const en = row('app.hostile').locator('td[data-locale="en"] .text');
    expect(await en.textContent()).toBe(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await row('app.terms').locator('td[data-locale="en"] .text').textContent()).toBe('Accept the <0>terms</0> and <link>policy</link>');
    expect(await page.locator('main link').count()).toBe(0);
    expect(await page.evaluate(() => typeof (globalThis as { __xss?: unknown }).__xss)).toBe('undefined');
  });

  it('marks each cell with its language', async () => {
    const p1 = row('article.p1-s1');
    expect(await p1.locator('td.source').getAttribute('lang')).toBe('ru');
    expect(await p1.locator('td[data-locale="en"]').getAttribute('lang')).toBe('en');
    expect(await p1.locator('td[data-locale="kk"]').getAttribute('lang')).toBe('kk');
    expect(await p1.locator('td[data-locale="zh"]').getAttribute('lang')).toBe('zh-Hans');
    const zhFont: string = await page.evaluate(`getComputedStyle(document.querySelector('[id="row-article.p1-s1"] td[data-locale="zh"] .text')).fontFamily`);
    expect(zhFont).toContain('Noto Sans CJK SC');
    // The long Chinese line wraps inside its column instead of widening the table.
    const widths: { table: number; viewport: number } = await page.evaluate(
      "({ table: document.querySelector('table.review').scrollWidth, viewport: document.documentElement.clientWidth })",
    );
    expect(widths.table).toBeLessThanOrEqual(widths.viewport);
  });

  it('takes a full-page screenshot, with no console error and no request but the file', async () => {
    const png = join(dir, 'review.png');
    await page.screenshot({ path: png, fullPage: true });
    expect((await stat(png)).size).toBeGreaterThan(5_000);
    expect((await readFile(png)).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await page.evaluate(() => typeof (globalThis as { __xss?: unknown }).__xss)).toBe('undefined');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });
});
