import { describe, expect, it } from 'vitest';
import { EMPTY_GLOSSARY } from '../src/glossary/glossary-types.js';
import type { Syntax } from '../src/protect/protect-types.js';
import { placeholdersCheck } from '../src/qa/checks/placeholders.js';
import type { CheckInput } from '../src/qa/qa-types.js';

const input = (source: string, target: string, syntax: Syntax, locale = 'en'): CheckInput => ({
  source,
  target,
  sourceLocale: 'ru',
  locale,
  syntax,
  glossary: EMPTY_GLOSSARY,
});

describe('placeholdersCheck', () => {
  it('is an error-level check with a one-line description', () => {
    expect(placeholdersCheck.id).toBe('placeholders');
    expect(placeholdersCheck.defaultSeverity).toBe('error');
    expect(placeholdersCheck.description).not.toMatch(/\n/);
    expect(placeholdersCheck.description.length).toBeGreaterThan(10);
  });

  it('passes a translation that keeps every piece, in another order', () => {
    expect(
      placeholdersCheck.run(input('Привет, <0>{{name}}</0>! У вас {{count}} писем.', 'You have {{count}} letters, <0>{{name}}</0>!', 'i18next')),
    ).toEqual([]);
    expect(placeholdersCheck.run(input('{n, number} книг', '{n, number}本书', 'icu', 'zh'))).toEqual([]);
  });

  it('fails a translation that broke a variable and a tag', () => {
    expect(placeholdersCheck.run(input('Привет, <0>{{name}}</0>!', 'Сәлем, <0>{{аты}}!', 'i18next', 'kk'))).toEqual([
      'tag <0>…</0> is missing its closing tag',
      'placeholder {{name}} is missing',
      'placeholder {{аты}} is not in the source',
    ]);
  });

  it('leaves URLs and e-mails to the urls-emails check', () => {
    expect(placeholdersCheck.run(input('Источник: https://carnegie.ru/a.', 'Source: Carnegie.', 'plain'))).toEqual([]);
    expect(placeholdersCheck.run(input('Пишите: press@carnegie.ru', 'Write to: info@carnegie.ru', 'markdown'))).toEqual([]);
  });
});
