/** `tilmash segment` shows the rule-driven segmentation, and a config's extra abbreviations in it. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, makeProject, runCli } from './helpers/project.js';

afterAll(cleanupProjects);

const ARTICLE = [
  'Товарооборот составил $70,2 млрд. Это на 40% больше. Всё случилось в 2023 году. 5 июля войска ушли.',
  '',
  '— Ты ей скажи, что я ей гостинца дам. — А мне дашь? Он ушёл. — Куда? — спросила она. Ну… Не знаю.',
  '',
  'Отчёт подготовил вкл. Ахметов. Он прав.',
  '',
].join('\n');

async function segmentsOf(files: Record<string, string>): Promise<string[][]> {
  const dir = makeProject({ 'source/article.ru.txt': ARTICLE, ...files });
  const result = await runCli(['segment', 'source/article.ru.txt', '--json'], dir);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { segments: string[] }[]).map((block) => block.segments);
}

describe('tilmash segment', () => {
  it('splits dates, money and dialogue turns as issue 10 asks', async () => {
    const [money, dialogue] = await segmentsOf({});
    expect(money).toEqual(['Товарооборот составил $70,2 млрд.', 'Это на 40% больше.', 'Всё случилось в 2023 году.', '5 июля войска ушли.']);
    expect(dialogue).toEqual([
      '— Ты ей скажи, что я ей гостинца дам.',
      '— А мне дашь?',
      'Он ушёл.',
      '— Куда? — спросила она.',
      'Ну…',
      'Не знаю.',
    ]);
  });

  it('keeps a config extraAbbreviations entry inside its sentence', async () => {
    const config = "export default { sourceLocale: 'ru', targets: { en: { engineLanguage: 'EN-US' } }, extraAbbreviations: ['вкл.'] };\n";
    const plain = await segmentsOf({});
    expect(plain[2]).toEqual(['Отчёт подготовил вкл.', 'Ахметов.', 'Он прав.']);
    const extended = await segmentsOf({ 'pipeline.config.ts': config });
    expect(extended[2]).toEqual(['Отчёт подготовил вкл. Ахметов.', 'Он прав.']);
  });
});
