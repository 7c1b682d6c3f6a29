/**
 * `tilmash review --serve` in headless Chromium: a reviewer finds the kk key QA holds back, sees the
 * machine translation with its finding, corrects it with the keyboard alone (a broken placeholder
 * shows a live QA error, fixed), saves and approves; the TM, ledger and bundle on disk follow, `check`
 * passes, and a reload shows the approval. Also: the token, the Host check and a refused stale save.
 */
import { request } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './helpers/chromium.js';
import { cleanupProjects, copyRepoProject, readJson, readProjectFile, runCli, tmBySource, writeProjectFile } from './helpers/project.js';
import { gitCommitAll, serveReview, testOutputDir, type ServedReview } from './helpers/review-server.js';

const browser = useBrowser(cleanupProjects);

const GREETING = 'Здравствуйте, {{name}}!';
const BROKEN = 'Сәлеметсіз бе, {{аты}}!';
const FIXED = 'Қош келдіңіз, {{name}}!';

/** The sample project where kk's greeting came back from MT with a renamed placeholder, run and committed. */
async function project(): Promise<string> {
  const dir = copyRepoProject({ withLocales: true });
  const tm = readProjectFile(dir, 'tm/ru-kk.jsonl');
  const line = tm.split('\n').find((l) => l.includes(`"source":${JSON.stringify(GREETING)}`)) as string;
  const machine = JSON.stringify({ source: GREETING, target: BROKEN, origin: 'engine:deepl', status: 'needs-review', created: '2026-11-26T00:00:00.000Z', changed: '2026-11-26T00:00:00.000Z' });
  writeProjectFile(dir, 'tm/ru-kk.jsonl', tm.replace(line, machine));
  expect((await runCli(['run'], dir)).code).toBe(0);
  gitCommitAll(dir, 'sample with a held-back kk greeting');
  return dir;
}

/** A save rebuilds the bundles and the review data: seconds on a loaded machine. */
const SLOW = { timeout: 20_000 };

const unit = (page: Page, key: string, locale: string) => page.locator(`article.unit[data-key="${key}"][data-locale="${locale}"]`);

describe('tilmash review --serve', () => {
  let dir: string;
  let served: ServedReview;
  beforeAll(async () => {
    dir = await project();
    served = await serveReview(dir);
  });
  afterAll(async () => {
    expect(await served?.stop()).toBe(0);
  });

  it('a reviewer corrects and approves a held-back kk key with the keyboard alone; disk, check and a reload agree', async () => {
    expect((await runCli(['check', '--json'], dir)).code).toBe(6); // held back: check fails before the review
    const page = await browser().newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.locator('article.unit').first().waitFor();

    // Filter with the keyboard: "/" focuses the search; Esc returns to the list.
    await page.keyboard.press('/');
    await page.keyboard.type('app.greeting');
    await expect.poll(() => page.locator('#units').getAttribute('data-query'), SLOW).toBe('q=app.greeting');
    // en, kk, zh and the derived kk-Latn, zh-Hant
    expect(await page.locator('article.unit').count()).toBe(5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('j'); // en → kk
    const kk = unit(page, 'ui.app.greeting', 'kk');
    await expect.poll(() => kk.evaluate((n) => n.classList.contains('current-unit')), SLOW).toBe(true);
    // What needs review is visible: the held-back MT and its finding, not «missing».
    await expect(kk.textContent()).resolves.toContain('held back by QA');
    await expect(kk.locator('.held-back').textContent()).resolves.toBe(BROKEN);
    await expect(kk.locator('.findings').textContent()).resolves.toMatch(/placeholders/u);
    await expect(kk.locator('.prov').textContent()).resolves.toMatch(/engine:deepl · needs-review/u);

    await page.keyboard.press('e');
    await expect.poll(() => page.evaluate('document.activeElement?.className'), SLOW).toBe('editor');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Қош келдіңіз, {{есім}}!');
    await expect.poll(() => kk.locator('ul.live-qa .finding[data-severity="error"]').allTextContents(), SLOW).toContainEqual(expect.stringMatching(/placeholders.*\{\{есім\}\}/u));
    await page.screenshot({ path: path.join(testOutputDir(), 'review-serve-1400.png'), fullPage: false });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(FIXED);
    await expect.poll(() => kk.locator('ul.live-qa .finding[data-severity="error"]').count(), SLOW).toBe(0);
    await page.keyboard.press('Control+Enter'); // save
    await expect.poll(() => kk.getAttribute('data-saved'), SLOW).toBeTruthy();
    expect(await kk.locator('.result').textContent()).toBe('saved');
    expect(await kk.getAttribute('data-status')).toBe('translated');
    await page.keyboard.press('a'); // approve
    await expect.poll(() => kk.getAttribute('data-status'), SLOW).toBe('reviewed');
    await expect(kk.locator('.result').textContent()).resolves.toBe('approved and saved');

    // On disk: the TM entry is the reviewer's, reviewed; the ledger and the bundle follow; check is green.
    const entry = tmBySource(dir, 'kk').get(GREETING);
    expect(entry).toMatchObject({ target: FIXED, origin: 'human', status: 'reviewed' });
    expect(readJson<{ app: Record<string, string> }>(dir, 'locales/kk/ui.json').app.greeting).toBe(FIXED);
    const ledger = readJson<{ namespaces: Record<string, { keys: Record<string, { origin: string; status: string }> }> }>(dir, 'locales/provenance/kk.json');
    expect(ledger.namespaces.ui?.keys['app.greeting']).toMatchObject({ origin: 'human', status: 'reviewed' });
    const check = await runCli(['check', '--json'], dir);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
    expect(check.code).toBe(0);

    // A reload shows the approval; the "changed" filter (since HEAD) finds the reviewed key.
    await page.reload();
    await page.locator('article.unit').first().waitFor();
    await page.selectOption('#filter-locale', 'kk');
    await page.check('#filter-changed');
    await expect.poll(() => page.locator('article.unit').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-key')} ${n.getAttribute('data-status')}`)), SLOW).toEqual(['ui.app.greeting reviewed']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(testOutputDir(), 'review-serve-390.png'), fullPage: true });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reject sends a key back to needs-review with the comment; a comment keeps the status; approving a broken text is refused', async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(served.url);
    await page.locator('article.unit').first().waitFor();
    await page.selectOption('#filter-locale', 'zh');
    await page.fill('#search', 'app.title');
    await expect.poll(() => page.locator('#units').getAttribute('data-query'), SLOW).toBe('locale=zh&q=app.title');
    const zh = unit(page, 'ui.app.title', 'zh');
    const title = (await zh.locator('.seg-source').textContent()) as string;
    const before = tmBySource(dir, 'zh').get(title);
    expect(before?.status).not.toBe('needs-review');

    await zh.locator('input.comment').fill('Use the agency’s official name');
    await zh.locator('button.act-reject').click();
    await expect.poll(() => zh.getAttribute('data-status'), SLOW).toBe('needs-review');
    expect(tmBySource(dir, 'zh').get(title)).toMatchObject({ target: before?.target, origin: before?.origin, status: 'needs-review', findings: [{ check: 'rejected', severity: 'warn', message: 'Use the agency’s official name' }] });
    await expect(zh.locator('.notes').textContent()).resolves.toMatch(/rejected.*official name/u);

    await zh.locator('input.comment').fill('Checked with the editor');
    await zh.locator('button.act-comment').click();
    await expect.poll(() => zh.locator('.notes li').count(), SLOW).toBe(2);
    expect(tmBySource(dir, 'zh').get(title)?.status).toBe('needs-review');

    // The server refuses to approve a text QA finds an error in, whatever the page did.
    await zh.locator('textarea.editor').fill('');
    await zh.locator('button.act-approve').click();
    await expect.poll(() => zh.getAttribute('data-saved'), SLOW).toBe('refused');
    await expect(zh.locator('.result').textContent()).resolves.toMatch(/QA found an error/u);
    expect(tmBySource(dir, 'zh').get(title)?.status).toBe('needs-review');
    const ledger = readJson<{ namespaces: Record<string, { keys: Record<string, { status: string }> }> }>(dir, 'locales/provenance/zh.json');
    expect(ledger.namespaces.ui?.keys['app.title']?.status).toBe('needs-review');
    await page.close();
  });

  it('refuses requests without the token or with another Host, and a save over a TM that changed on disk', async () => {
    expect((await fetch(served.origin)).status).toBe(403);
    expect((await fetch(`${served.origin}/api/units`)).status).toBe(403);
    const post = (body: unknown, headers: Record<string, string> = {}) => fetch(`${served.origin}/api/save`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tilmash-Token': served.token, ...headers }, body: JSON.stringify(body) });
    // DNS rebinding: a page of another name resolving to 127.0.0.1 sends its own Host; refused even with the token.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL(served.url);
      request({ host: '127.0.0.1', port: url.port, path: `/${url.search}`, headers: { Host: `evil.example:${url.port}` } }, (res) => (res.resume(), resolve(res.statusCode))).on('error', reject).end();
    });
    expect(rebound).toBe(421);
    const noToken = await fetch(`${served.origin}/api/save`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(noToken.status).toBe(403);
    const { version } = (await (await fetch(`${served.origin}/api/units?locale=zh&q=app.title`, { headers: { 'X-Tilmash-Token': served.token } })).json()) as { version: string };

    const before = readProjectFile(dir, 'tm/ru-zh.jsonl');
    // Another command changes the TM after the page loaded.
    const kkTm = readProjectFile(dir, 'tm/ru-kk.jsonl');
    writeProjectFile(dir, 'tm/ru-kk.jsonl', kkTm.replace('"status":"translated"', '"status":"reviewed"'));
    expect(readProjectFile(dir, 'tm/ru-kk.jsonl')).not.toBe(kkTm);
    const stale = await post({ locale: 'zh', namespace: 'ui', key: 'app.title', action: 'approve', targets: ['欧亚新闻'], version });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(/changed on disk since this page loaded/u);
    expect(readProjectFile(dir, 'tm/ru-zh.jsonl')).toBe(before);

    const wrongCount = await post({ locale: 'zh', namespace: 'ui', key: 'app.title', action: 'approve', targets: ['a', 'b'], version });
    expect(wrongCount.status).toBe(409); // stale still wins: nothing is read from a request over a changed TM
  });
});
