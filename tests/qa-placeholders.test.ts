import { describe, expect, it } from 'vitest';
import { placeholdersCheck } from '../src/qa/checks/placeholders.js';
import { checkInput } from './helpers/qa.js';

describe('placeholdersCheck', () => {
  it('is an error-level check with a one-line description', () => {
    expect(placeholdersCheck.id).toBe('placeholders');
    expect(placeholdersCheck.defaultSeverity).toBe('error');
    expect(placeholdersCheck.description).not.toMatch(/\n/);
    expect(placeholdersCheck.description.length).toBeGreaterThan(10);
  });

  it('passes a translation that keeps every piece, in another order', () => {
    expect(
      placeholdersCheck.run(checkInput('Привет, <0>{{name}}</0>! У вас {{count}} писем.', 'You have {{count}} letters, <0>{{name}}</0>!', 'en', 'i18next')),
    ).toEqual([]);
    expect(placeholdersCheck.run(checkInput('{n, number} книг', '{n, number}本书', 'zh', 'icu'))).toEqual([]);
  });

  it('fails a translation that broke a variable and a tag', () => {
    expect(placeholdersCheck.run(checkInput('Привет, <0>{{name}}</0>!', 'Сәлем, <0>{{аты}}!', 'kk', 'i18next'))).toEqual([
      'tag <0>…</0> is missing its closing tag',
      'placeholder {{name}} is missing',
      'placeholder {{аты}} is not in the source',
    ]);
  });

  it('leaves URLs and e-mails to the urls-emails check', () => {
    expect(placeholdersCheck.run(checkInput('Источник: https://carnegie.ru/a.', 'Source: Carnegie.', 'en', 'plain'))).toEqual([]);
    expect(placeholdersCheck.run(checkInput('Пишите: press@carnegie.ru', 'Write to: info@carnegie.ru', 'en', 'markdown'))).toEqual([]);
  });
});
