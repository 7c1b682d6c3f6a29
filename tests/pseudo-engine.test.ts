/**
 * The pseudo engine: accented, padded, bracketed text, through the whole engine path for a
 * pseudo-locale with no credentials, and refused for a real locale.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPseudoEngine, isPseudoLocale, pseudoLocalize } from '../src/engine/pseudo-engine.js';
import { cleanupProjects, makeProject, runCli } from './helpers/project.js';

afterAll(cleanupProjects);

const SOURCE = `Заголовок статьи

Первое предложение статьи. Второе предложение про Astana.
`;

describe('pseudoLocalize', () => {
  it('accents every letter (Cyrillic transliterated first), pads by about 40 % and brackets', () => {
    const out = pseudoLocalize('Привет, мир.');
    expect(out.startsWith('[')).toBe(true);
    expect(out.endsWith(']')).toBe(true);
    expect(out).toBe('[Þŕíṽéţ, ɱíŕ. ·····]');
    expect(out).not.toMatch(/\p{Script=Cyrillic}/u);
    expect(pseudoLocalize('Hello')).toBe('[Ĥéĺĺó ··]');
    // Deterministic; padding at least one dot; digits and punctuation kept.
    expect(pseudoLocalize('42!')).toBe('[42! ·]');
    expect(pseudoLocalize('Щука')).toBe(pseudoLocalize('Щука'));
    const long = 'а'.repeat(100);
    expect([...pseudoLocalize(long)].filter((c) => c === '·')).toHaveLength(40);
  });

  it('the engine translates every segment in order, bills nothing, and serves pseudo-locales only', async () => {
    const engine = createPseudoEngine();
    const result = await engine.translate({ sourceLanguage: 'RU', targetLanguage: 'PSEUDO', targetLocale: 'en-XA', segments: [{ text: 'Да.' }, { text: 'Нет.' }] }, {});
    expect(result).toEqual([
      { text: pseudoLocalize('Да.'), billedCharacters: 0 },
      { text: pseudoLocalize('Нет.'), billedCharacters: 0 },
    ]);
    expect(engine.usage).toBeUndefined();
    expect(isPseudoLocale('en-XA')).toBe(true);
    expect(isPseudoLocale('ar-XB')).toBe(true);
    expect(isPseudoLocale('qps-ploc')).toBe(true);
    expect(isPseudoLocale('en')).toBe(false);
    expect(isPseudoLocale('kk')).toBe(false);
  });
});

describe('pseudo-locales through the CLI', () => {
  it('en-XA with engine pseudo writes locales/en-XA/… with no credentials', async () => {
    const dir = makeProject(
      {
        'pipeline.config.ts': `export default { targets: { 'en-XA': { engine: 'pseudo' } } };\n`,
        'source/article.ru.txt': SOURCE,
      },
      { link: false },
    );
    const result = await runCli(['run', '--json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { engine: string; locales: Array<{ locale: string; translated: number; missing: number; billedCharacters: number }> };
    expect(report.engine).toBe('pseudo');
    expect(report.locales).toEqual([expect.objectContaining({ locale: 'en-XA', translated: 3, missing: 0, billedCharacters: 0 })]);
    const file = path.join(dir, 'locales', 'en-XA', 'article.json');
    expect(existsSync(file)).toBe(true);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const values = Object.values(bundle);
    expect(values).toHaveLength(2);
    expect(values[0]).toBe(pseudoLocalize('Заголовок статьи'));
    expect(values[1]).toBe(`${pseudoLocalize('Первое предложение статьи.')} ${pseudoLocalize('Второе предложение про Astana.')}`);
    // The TM records the pseudo origin, so it is never mistaken for a translation.
    const tm = readFileSync(path.join(dir, 'tm', 'ru-en-XA.jsonl'), 'utf8');
    expect(tm).toContain('"origin":"engine:pseudo"');
    // A second run is TM only and changes nothing.
    const again = await runCli(['run', '--json'], dir);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { writtenFiles: string[] }).writtenFiles).toEqual([]);
  });

  it("engine 'pseudo' on a real locale is a config error (exit 3)", async () => {
    const dir = makeProject(
      {
        'pipeline.config.ts': `export default { targets: { en: { engine: 'pseudo' } } };\n`,
        'source/article.ru.txt': SOURCE,
      },
      { link: false },
    );
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/targets\.en\.engine/);
    expect(result.stderr).toMatch(/pseudo/);
    expect(existsSync(path.join(dir, 'locales'))).toBe(false);
  });
});

describe('pseudo engine with XML tag handling', () => {
  it('keeps tags and entities and accents only the text', () => {
    expect(pseudoLocalize('Привет, <x id="1"/> и <g id="2">мир</g> &amp; всё', 'xml')).toBe('[Þŕíṽéţ, <x id="1"/> í <g id="2">ɱíŕ</g> &amp; ṽšýó ····················]');
  });
});
