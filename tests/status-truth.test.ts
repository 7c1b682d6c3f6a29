/**
 * `status`, `run --dry-run`, `run` and `check` tell the same story on a project where QA holds
 * keys back: the same error findings and the same held-back keys, from one function.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, readProjectFile, runCli, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

type Finding = { locale: string; namespace: string; key: string; check: string; severity: string };
type Report = { findings: Finding[]; locales: Array<{ locale: string; incompleteKeys: Array<{ namespace: string; key: string; reason: string }> }> };

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.locale} ${f.namespace}.${f.key} ${f.check}`).sort();
const heldOf = (report: Report) => report.locales.flatMap((l) => l.incompleteKeys.filter((k) => k.reason === 'qa').map((k) => `${l.locale} ${k.namespace}.${k.key}`)).sort();

/** The sample project with two broken TM entries: a kk placeholder renamed, an en number lost. */
function project(): string {
  const dir = copyRepoProject({ withLocales: true });
  const kk = readProjectFile(dir, 'tm/ru-kk.jsonl');
  const brokenKk = kk.replace(/("source":"Здравствуйте, \{\{name\}\}!","target":"[^"]*)\{\{name\}\}/u, '$1{{аты}}');
  expect(brokenKk).not.toBe(kk);
  writeProjectFile(dir, 'tm/ru-kk.jsonl', brokenKk);
  const en = readProjectFile(dir, 'tm/ru-en.jsonl');
  const brokenEn = en.replace('"target":"Hello, {{name}}!"', '"target":"Hello, {{имя}}!"');
  expect(brokenEn).not.toBe(en);
  writeProjectFile(dir, 'tm/ru-en.jsonl', brokenEn);
  return dir;
}

describe('status and dry run tell the truth', () => {
  it('status, run --dry-run, run and check report the same QA errors and held-back keys', async () => {
    const dir = project();
    const status = await runCli(['status', '--json'], dir);
    expect(status.code).toBe(0);
    const dry = await runCli(['run', '--dry-run', '--json'], dir);
    expect(dry.code).toBe(0);
    const check = await runCli(['check', '--json'], dir);
    expect(check.code).toBe(6);
    const text = await runCli(['status'], dir);
    const run = await runCli(['run', '--json'], dir);
    expect(run.code).toBe(0);

    const statusReport = JSON.parse(status.stdout) as Report;
    const dryReport = JSON.parse(dry.stdout) as Report;
    const runReport = JSON.parse(run.stdout) as Report;
    const checkReport = JSON.parse(check.stdout) as { qaErrors: Finding[] };

    const expected = errorsOf(runReport.findings);
    expect(expected).toEqual(expect.arrayContaining(['en ui.app.greeting placeholders', 'kk ui.app.greeting placeholders']));
    expect(errorsOf(statusReport.findings)).toEqual(expected);
    expect(errorsOf(dryReport.findings)).toEqual(expected);
    expect(errorsOf(checkReport.qaErrors)).toEqual(expected);

    const held = heldOf(runReport);
    expect(held).toEqual(expect.arrayContaining(['en ui.app.greeting', 'kk ui.app.greeting']));
    expect(heldOf(statusReport)).toEqual(held);
    expect(heldOf(dryReport)).toEqual(held);

    // The table says so too: a QA error count per locale and the held-back keys.
    const kkRow = text.stdout.split('\n').find((line) => line.startsWith('kk ')) as string;
    const kkErrors = expected.filter((e) => e.startsWith('kk ')).length;
    expect(kkRow.trim().split(/\s+/u)[5]).toBe(String(kkErrors));
    expect(text.stdout).toMatch(/kk: 1 key\(s\) held back by QA: ui\.app\.greeting/u);
  });
});
