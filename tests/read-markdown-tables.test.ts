/**
 * GFM tables in Markdown articles: one segment per cell, the table's markup written back around
 * the translations; emphasis-only datelines dropped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pseudoLocalize } from '../src/engine/pseudo-engine.js';
import { defaultBoilerplateRules, defaultCaptionPatterns, readDocument } from '../src/read/index.js';
import { cleanupProjects, makeProject, runCli } from './helpers/project.js';

afterAll(cleanupProjects);

const DOC = [
  '# Товарооборот с Китаем',
  '',
  '*19 мая 2023, 16:40*',
  '',
  'Данные таможни за 2022 год.',
  '',
  '| Страна | Товарооборот |',
  '|---|---:|',
  '| Казахстан | 31,5 млрд долл. |',
  '| Кыргызстан |  |',
  '| **Узбекистан** | 8,9 млрд \\| оценка |',
  '',
  'Источник: таможня КНР.',
  '',
].join('\n');

describe('GFM tables', () => {
  const blocks = readDocument(DOC, 'md', { boilerplate: defaultBoilerplateRules, captionPatterns: defaultCaptionPatterns }, 'trade.ru.md');

  it('a table is one block whose pieces are its non-empty cells; the glue puts the table back', () => {
    const table = blocks.find((b) => b.kind === 'table');
    expect(table?.template?.pieces).toEqual(['Страна', 'Товарооборот', 'Казахстан', '31,5 млрд долл.', 'Кыргызстан', '**Узбекистан**', '8,9 млрд \\| оценка']);
    const { pieces, glue } = table?.template ?? { pieces: [], glue: [] };
    expect(glue.map((g, i) => g + (pieces[i] ?? '')).join('')).toBe(DOC.split('\n').slice(6, 11).join('\n'));
    expect(table?.line).toBe(7);
  });

  it('drops an emphasis-only dateline and keeps the text around the table', () => {
    expect(blocks.map((b) => b.kind)).toEqual(['title', 'paragraph', 'table', 'paragraph']);
    expect(blocks.some((b) => b.text.includes('16:40'))).toBe(false);
  });

  it('is translated cell by cell and written back as a table', async () => {
    const dir = makeProject({ 'pipeline.config.ts': `export default { targets: { 'en-XA': { engine: 'pseudo' } } };\n`, 'source/trade.ru.md': DOC }, { link: false });
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(0);
    const bundle = JSON.parse(readFileSync(path.join(dir, 'locales', 'en-XA', 'trade.json'), 'utf8')) as Record<string, string>;
    const rows = (bundle['table-strana-tovarooborot'] ?? '').split('\n');
    expect(rows.slice(0, 4)).toEqual([
      `| ${pseudoLocalize('Страна')} | ${pseudoLocalize('Товарооборот')} |`,
      '|---|---:|',
      `| ${pseudoLocalize('Казахстан')} | ${pseudoLocalize('31,5 млрд долл.')} |`,
      `| ${pseudoLocalize('Кыргызстан')} |  |`,
    ]);
    expect(rows[4]).toMatch(/^\| \[\*\*\S+\*\* ·+\] \| \[8,9 .* \\\| .*\] \|$/u);
  });
});
