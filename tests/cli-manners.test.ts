/**
 * The CLI's manners: per-command help from the one command table, "did you mean", our own words for
 * unknown and inapplicable flags, JSON errors, IO errors on output paths, BCP 47 locale arguments,
 * colours per stream (FORCE_COLOR, NO_COLOR, a pseudo-terminal), EPIPE, and the progress display.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/cli-io.js';
import { COMMAND_NAMES, COMMANDS, GLOBAL_FLAGS, specsOf } from '../src/cli/command-table.js';
import { fromFsError } from '../src/cli/cli-errors.js';
import { canonicalTarget } from '../src/cli/locale-args.js';
import { createProgressReporter, SLOW_REQUEST_MS } from '../src/cli/progress.js';
import { nearest } from '../src/cli/suggest.js';
import { wantsColor } from '../src/cli/style.js';
import type { JobPlan } from '../src/job/plan-job.js';
import { startFakeDeepl, type FakeDeepl } from './helpers/fake-deepl-server.js';
import { cleanupProjects, copyRepoProject, makeProject, runCli, writeProjectFile } from './helpers/project.js';
import { runInTerminal, TILMASH } from './helpers/terminal.js';

afterAll(cleanupProjects);
const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const ESC = '\u001b[';

describe('per-command help', () => {
  it('`<command> --help` and `help <command>` print that command: usage, its flags only, examples, exit codes', async () => {
    const dir = makeProject({}, { link: false });
    for (const command of COMMAND_NAMES.filter((c) => c !== 'help')) {
      const viaFlag = await runCli([command, '--help'], dir);
      const viaHelp = await runCli(['help', command], dir);
      expect(viaFlag.code, command).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      const text = viaFlag.stdout;
      for (const spec of specsOf(command)) {
        expect(text).toContain(`Usage: tilmash ${spec.name}`);
        for (const example of spec.examples) expect(text).toContain(`  ${example}`);
        for (const flag of [...spec.flags, ...GLOBAL_FLAGS.filter((f) => f !== 'version')]) expect(text, `${command} --${flag}`).toMatch(new RegExp(`--${flag}\\b`, 'u'));
      }
      const own = new Set(specsOf(command).flatMap((s) => s.flags));
      for (const other of COMMANDS.flatMap((c) => c.flags)) if (!own.has(other)) expect(text, `${command} shows --${other}`).not.toMatch(new RegExp(`--${other}\\b`, 'u'));
      expect(text).toMatch(/^Exit codes: 0 ok, 1 internal error, 2 usage, 3 config/mu);
    }
    const run = (await runCli(['run', '--help'], dir)).stdout;
    expect(run).toContain('Usage: tilmash run [--locale kk,zh] [--dry-run] [--strict] [--force] [--wait [=<s>]] [--queue <redis-url>] [--json]');
    expect(run).toContain('6 strict or check failure, 7 engine failure, 8 engine quota or key, 9 file-system error (io)');
    expect((await runCli(['tm', 'export', '--help'], dir)).stdout).toContain('-o, --out <path>       the TMX file to write (default: tilmash.tmx)');
    expect((await runCli(['check', '--help'], dir)).stdout).not.toContain('--dry-run');
  });
});

describe('unknown commands and flags', () => {
  it('a mistyped command gets "did you mean"', async () => {
    const dir = makeProject({}, { link: false });
    const result = await runCli(['statsu'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("tilmash: Unknown command 'statsu'. Did you mean `tilmash status`? Commands: run, status, check, diff, review, xliff, tm, segment, worker, help. Run `tilmash --help`.\n");
    expect((await runCli(['help', 'reviw'], dir)).stderr).toContain('Did you mean `tilmash review`?');
    expect(nearest('chek', COMMAND_NAMES)).toBe('check');
    expect(nearest('frobnicate', COMMAND_NAMES)).toBeUndefined();
  });

  it('an unknown flag is named in our words with the nearest valid one; never node:util text', async () => {
    const dir = makeProject({}, { link: false });
    for (const [args, expected] of [
      [['run', '--jsno'], "tilmash: Unknown flag '--jsno' for `tilmash run`. Did you mean --json? Run `tilmash run --help` for its flags.\n"],
      [['run', '--dryrun'], "tilmash: Unknown flag '--dryrun' for `tilmash run`. Did you mean --dry-run? Run `tilmash run --help` for its flags.\n"],
      [['status', '--locales', 'kk'], "tilmash: Unknown flag '--locales' for `tilmash status`. Did you mean --locale? Run `tilmash status --help` for its flags.\n"],
      [['run', '-x'], "tilmash: Unknown flag '-x' for `tilmash run`. Run `tilmash run --help` for its flags.\n"],
      [['run', '--locale'], 'tilmash: --locale needs a value (<list>), e.g. --locale kk,zh. Run `tilmash run --help` for its flags.\n'],
      [['run', '--json=yes'], "tilmash: --json takes no value (given '--json=yes'). Run `tilmash run --help` for its flags.\n"],
    ] as const) {
      const result = await runCli(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(expected);
      expect(result.stderr).not.toMatch(/To specify a positional argument|Unknown option|ERR_PARSE_ARGS/u);
    }
  });

  it('a flag that does not apply to the command is refused with exit 2, naming the commands that take it', async () => {
    const dir = copyRepoProject();
    const check = await runCli(['check', '--dry-run'], dir);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe('tilmash: --dry-run does not apply to `tilmash check` (it is a flag of `tilmash run`). `tilmash check` takes --config, --json, --help, --version. Run `tilmash check --help`.\n');
    for (const args of [['diff', '--out', 'x'], ['segment', 'a.txt', '--strict'], ['status', '-o', 'x'], ['tm', 'import', 'a.tmx', '--out', 'b']]) {
      const result = await runCli(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/does not apply to `tilmash /u);
    }
    expect((await runCli(['status', '-o', 'x'], dir)).stderr).toContain('-o (--out) does not apply to `tilmash status`');
    // The same flags where they belong are fine.
    expect((await runCli(['status', '-l', 'kk', '--json'], dir)).code).toBe(0);
  });
});

describe('--json errors', () => {
  it('are one JSON object on stdout with code, exitCode, message, file and line; the exit code is unchanged', async () => {
    const dir = copyRepoProject();
    const usage = await runCli(['run', '--jsno', '--json'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('');
    expect(JSON.parse(usage.stdout)).toEqual({ error: { code: 'usage', exitCode: 2, message: expect.stringContaining("Unknown flag '--jsno'"), file: null, line: null } });

    const tm = readFileSync(path.join(dir, 'tm/ru-kk.jsonl'), 'utf8').split('\n');
    tm.splice(2, 1, '{"source": broken');
    writeFileSync(path.join(dir, 'tm/ru-kk.jsonl'), tm.join('\n'));
    const badTm = await runCli(['status', '--json'], dir);
    expect(badTm.code).toBe(5);
    const error = (JSON.parse(badTm.stdout) as { error: { code: string; exitCode: number; file: string; line: number; message: string } }).error;
    expect(error).toMatchObject({ code: 'badTm', exitCode: 5, file: path.join('tm', 'ru-kk.jsonl'), line: 3 });
    expect(error.message).toMatch(/^tm\/ru-kk\.jsonl:3: /u);
    // Without --json the same error is text on stderr.
    const text = await runCli(['status'], dir);
    expect(text.code).toBe(5);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/^tilmash: tm\/ru-kk\.jsonl:3: /u);
  });
});

describe('file-system errors on output paths', () => {
  it('are io (exit 9) naming the path and the fix, never an internal error with a stack trace', async () => {
    const dir = copyRepoProject({ withLocales: true });
    writeProjectFile(dir, 'README.md', 'project\n');
    const review = await runCli(['review', '--out', 'README.md/x.html'], dir);
    expect(review.code).toBe(9);
    // Output paths are checked before any work (src/write/output-path.ts); the CLI maps what is left.
    expect(review.stderr).toMatch(/^tilmash: README\.md\/x\.html: cannot check the output path \(ENOTDIR[^)]*\)\. Fix: a part of README\.md\/x\.html is a file where a folder belongs/u);
    const tmx = await runCli(['tm', 'export', '--out', '/sys/x.tmx'], dir);
    expect(tmx.code).toBe(9);
    expect(tmx.stderr).toMatch(/^tilmash: \/sys\/x\.tmx: cannot write the output files \((EACCES|EROFS|EPERM|ENOENT)[^)]*\)\. No file was left half-written\. Fix: /u);
    const folder = await runCli(['review', '--out', 'locales', '--json'], dir);
    expect(folder.code).toBe(9);
    expect(JSON.parse(folder.stdout)).toEqual({ error: { code: 'io', exitCode: 9, message: expect.stringContaining('the output path is a folder; Tilmash writes only regular files'), file: 'locales', line: null } });
    for (const r of [review, tmx, folder]) expect(r.stderr + r.stdout).not.toMatch(/internal error|\n\s+at /u);
  });

  it('every errno of a write maps to io with its fix, in one place', () => {
    const errno = (code: string, syscall: string, file: string) => Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });
    for (const [code, fix] of [
      ['ENOENT', 'does not exist'],
      ['ENOTDIR', 'is a file, not a folder'],
      ['EACCES', 'permission denied'],
      ['EROFS', 'read-only'],
      ['ENOSPC', 'the disk is full'],
      ['EISDIR', 'it is a folder'],
    ]) {
      const error = fromFsError(errno(code as string, 'open', '/work/p/out/x.tmx'), '/work/p');
      expect(error?.kind, code).toBe('io');
      expect(error?.exitCode).toBe(9);
      expect(error?.file).toBe('out/x.tmx');
      expect(error?.message).toContain(`out/x.tmx: cannot open it (${code}); `);
      expect(error?.message).toContain(fix);
    }
    expect(fromFsError(errno('ENOSPC', 'write', '/work/p/out/.tilmash-tmp-1a2b'), '/work/p')?.message).toMatch(/^out: cannot write in this folder \(ENOSPC\); the disk is full/u);
    expect(fromFsError(errno('ENOSPC', 'write', '/work/p/out/.tilmash-tmp-1a2b'), '/work/p', 'out/x.tmx')?.message).toMatch(/^out\/x\.tmx: cannot write it \(ENOSPC\); the disk is full/u);
    expect(fromFsError(new Error('not an fs error'), '/work/p')).toBeUndefined();
  });
});

describe('locale arguments', () => {
  it('are canonicalized: case, a region of one configured locale, script-aware; otherwise a clear error', async () => {
    const dir = copyRepoProject();
    const status = await runCli(['status', '-l', 'KK,zh-CN', '--json'], dir);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { locales: Array<{ locale: string }> }).locales.map((l) => l.locale)).toEqual(['kk', 'zh']);
    const region = await runCli(['status', '--locale', 'kk-KZ', '--json'], dir);
    expect((JSON.parse(region.stdout) as { locales: Array<{ locale: string }> }).locales.map((l) => l.locale)).toEqual(['kk']);
    // zh-TW is Traditional: it names the derived zh-Hant, never the Simplified zh.
    const traditional = await runCli(['status', '-l', 'zh-TW', '--json'], dir);
    expect((JSON.parse(traditional.stdout) as { locales: Array<{ locale: string }> }).locales.map((l) => l.locale)).toEqual(['zh-Hant']);
    expect(() => canonicalTarget('zh-TW', ['en', 'kk', 'zh'])).toThrow("Unknown locale 'zh-TW' (zh is written in another script than zh-TW). The config's target locales are: en, kk, zh.");
    expect((await runCli(['diff', '-l', 'k_k'], dir)).stderr).toContain("'k_k' is not a BCP 47 language tag");

    expect(canonicalTarget('EN-gb', ['en', 'kk'])).toBe('en');
    expect(canonicalTarget('en-gb', ['en-US', 'en-GB'])).toBe('en-GB');
    expect(() => canonicalTarget('en', ['en-US', 'en-GB'])).toThrow("Locale 'en' could be any of en-US, en-GB: name one of them. The config's target locales are: en-US, en-GB.");
    expect(() => canonicalTarget('fr', ['en', 'kk'])).toThrow("Unknown locale 'fr'. The config's target locales are: en, kk.");
  });
});

describe('colours', () => {
  const io = (env: Record<string, string>, stdoutIsTty: boolean, isTty: boolean): Pick<CliIo, 'env' | 'isTty' | 'stdoutIsTty'> => ({ env, stdoutIsTty, isTty });

  it('are decided per stream: a terminal, NO_COLOR off, FORCE_COLOR on, TERM=dumb off', () => {
    expect(wantsColor(io({}, true, false), 'stdout')).toBe(true);
    expect(wantsColor(io({}, false, true), 'stdout')).toBe(false); // `tilmash diff > file` at a terminal
    expect(wantsColor(io({}, false, true), 'stderr')).toBe(true);
    expect(wantsColor(io({ NO_COLOR: '1' }, true, true), 'stdout')).toBe(false);
    expect(wantsColor(io({ NO_COLOR: '1', FORCE_COLOR: '1' }, true, true), 'stdout')).toBe(false);
    expect(wantsColor(io({ FORCE_COLOR: '1' }, false, false), 'stdout')).toBe(true);
    expect(wantsColor(io({ FORCE_COLOR: '0' }, true, true), 'stdout')).toBe(false);
    expect(wantsColor(io({ TERM: 'dumb' }, true, true), 'stdout')).toBe(false);
  });

  /** A committed copy of the sample with one bundle value changed, so `diff` has something to show. */
  function changedRepo(): string {
    const dir = copyRepoProject({ withLocales: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    const file = path.join(dir, 'locales/en/ui.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"[^"]+"\s*(?=[,\n])/u, '"Changed by hand"'));
    return dir;
  }

  it('diff: FORCE_COLOR colours a pipe, NO_COLOR never; at a terminal colours, and `diff > file` writes none', async () => {
    const dir = changedRepo();
    const forced = await runCli(['diff'], dir, { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${ESC}32m`);
    expect(forced.stdout).toMatch(/\u001b\[31m {6}- /u);
    const plain = await runCli(['diff'], dir, { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout.replace(/\n/gu, '')).toBe(forced.stdout.replace(/\u001b\[\d+m/gu, '').replace(/\n/gu, ''));

    const terminal = await runInTerminal(`${TILMASH} diff`, dir);
    expect(terminal.code).toBe(0);
    expect(terminal.output).toMatch(/\u001b\[(31|32|33)m/u);
    const redirected = await runInTerminal(`${TILMASH} diff > diff.txt`, dir);
    expect(redirected.code).toBe(0);
    const file = readFileSync(path.join(dir, 'diff.txt'), 'utf8');
    expect(file).toContain('Changed by hand');
    expect(file).not.toContain('\u001b');
    expect((await runInTerminal(`${TILMASH} diff`, dir, { NO_COLOR: '1' })).output).not.toMatch(/\u001b\[\d+m/u);
  });

  it('check FAILED and QA severities are coloured on a terminal only', async () => {
    const dir = copyRepoProject(); // no bundles yet: check fails
    const terminal = await runInTerminal(`${TILMASH} check`, dir);
    expect(terminal.code).toBe(6);
    expect(terminal.output).toContain(`Check ${ESC}1m${ESC}31mFAILED${ESC}39m${ESC}22m:`);
    const piped = await runCli(['check'], dir, { NO_COLOR: undefined });
    expect(piped.stdout).toContain('Check FAILED:');
  });
});

describe('EPIPE', () => {
  it('`tilmash segment big.txt | head -1` ends quietly with exit 0', async () => {
    const dir = makeProject({ 'big.txt': `${Array.from({ length: 20000 }, (_, i) => `Абзац номер ${i + 1}. Второе предложение абзаца.`).join('\n\n')}\n` }, { link: false });
    const out = execFileSync('bash', ['-c', `set -o pipefail; ${TILMASH} segment big.txt 2>err.txt | head -1; echo "exit=$?"`], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/^\S+ \(\w+\)\nexit=0\n$/u);
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });
});

describe('progress display', () => {
  const plan = (counts: Record<string, number>): JobPlan =>
    ({ locales: Object.entries(counts).map(([locale, n]) => ({ locale, missing: Array.from({ length: n }, (_, i) => ({ source: `s${i}` })) })) }) as unknown as JobPlan;
  const terminal = (out: string[]): CliIo => ({ stdout: () => {}, stderr: (t) => out.push(t), isTty: true, cwd: '/', env: { NO_COLOR: '1' }, signal: new AbortController().signal });

  it('a line per locale and a total, with percentage, rate and ETA; each line cleared when redrawn', () => {
    let t = 0;
    const out: string[] = [];
    const reporter = createProgressReporter(terminal(out), { now: () => t });
    reporter.plan(plan({ kk: 12, zh: 122 }));
    expect(out[0]).toMatch(/^\u001b\[2Kkk +\[-{20}\]   0% +0\/12  starting…\n\u001b\[2Kzh +\[-{20}\]   0% +0\/122  starting…\n\u001b\[2Ktotal +\[-{20}\]   0% +0\/134  starting…\n$/u);
    t = 4000;
    reporter.update({ locale: 'kk', done: 12, total: 12 });
    t = 10_000;
    reporter.update({ locale: 'zh', done: 6, total: 122 });
    const last = out.at(-1) as string;
    // Up three lines, then every line cleared before it is written: no `6/122` left over from `12/12`.
    expect(last.startsWith(`${ESC}3F${ESC}2K`)).toBe(true);
    const lines = last.slice(`${ESC}3F`.length).split('\n');
    expect(lines.slice(0, 3).every((l) => l.startsWith(`${ESC}2K`))).toBe(true);
    expect(lines[0]).toMatch(/kk +\[#{20}\] 100% +12\/12  done in 0:04/u); // when it finished, not now
    expect(lines[1]).toMatch(/zh +\[#-{19}\]   4% +6\/122  0\.6 seg\/s  ETA 3:13/u);
    expect(lines[2]).toMatch(/total +\[###-{17}\]  13% +18\/134  1\.8 seg\/s  ETA 1:04/u);
    reporter.finish();
  });

  it('shows a 429 back-off with seconds left and Retry-After, a retry, and a request slow to answer', () => {
    let t = 0;
    const out: string[] = [];
    const reporter = createProgressReporter(terminal(out), { now: () => t });
    reporter.plan(plan({ en: 100 }));
    reporter.queue({ type: 'waiting', reason: 'rate-limit', ms: 12_000, retryAfterMs: 12_000, engine: 'deepl' });
    expect(out.at(-1)).toContain('· 429 rate limit: backing off (Retry-After 12 s): 12 s left');
    t = 5000;
    reporter.update({ locale: 'en', done: 50, total: 100 });
    expect(out.at(-1)).toContain('· 429 rate limit: backing off (Retry-After 12 s): 7 s left');
    t = 13_000;
    reporter.queue({ type: 'sent', id: 1, engine: 'deepl' });
    reporter.update({ locale: 'en', done: 50, total: 100 });
    expect(out.at(-1)).not.toContain('·');
    t = 13_000 + SLOW_REQUEST_MS + 1000;
    reporter.update({ locale: 'en', done: 50, total: 100 });
    expect(out.at(-1)).toContain('· 1 request(s) waiting for an answer for 6 s');
    reporter.queue({ type: 'settled', id: 1, engine: 'deepl' });
    reporter.queue({ type: 'waiting', reason: 'retry', ms: 2000, status: 503, engine: 'deepl' });
    expect(out.at(-1)).toContain('· retrying after HTTP 503: 2 s left');
    reporter.finish();
  });

  it('off a terminal: plain lines, one per batch and one per wait', () => {
    const out: string[] = [];
    const reporter = createProgressReporter({ ...terminal(out), isTty: false });
    reporter.plan(plan({ kk: 100 }));
    reporter.update({ locale: 'kk', done: 50, total: 100 });
    reporter.queue({ type: 'waiting', reason: 'rate-limit', ms: 2000, retryAfterMs: 2000, engine: 'deepl' });
    reporter.queue({ type: 'waiting', reason: 'rate-cap', ms: 200, engine: 'deepl' });
    reporter.finish();
    expect(out.join('')).toBe('kk: 50/100 segments translated\ndeepl: 429 rate limit: backing off (Retry-After 2 s): waiting 2 s\n');
  });

  it('a real run at a pseudo-terminal shows the lines, the 429 back-off from the queue, and ends with the summary', async () => {
    const key = 'sk-progress-test-key:fx';
    const fake = await startFakeDeepl({ authKey: key });
    servers.push(fake);
    fake.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const dir = makeProject({
      'pipeline.config.ts': "export default { targets: { kk: { engineLanguage: 'KK' } }, engine: { batchSize: 5, concurrency: 1, requestsPerInterval: 20, intervalMs: 1000 } };\n",
      'source/a.ru.txt': `${Array.from({ length: 12 }, (_, i) => `Предложение номер ${i + 1}.`).join('\n\n')}\n`,
    });
    const result = await runInTerminal(`${TILMASH} run`, dir, { DEEPL_AUTH_KEY: key, DEEPL_SERVER_URL: fake.url });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`${ESC}2Kkk `);
    expect(result.output).toContain(`${ESC}2Ktotal `);
    expect(result.output).toContain('429 rate limit: backing off (Retry-After 1 s)');
    expect(result.output).toMatch(/kk +\[\u001b\[32m#{20}\u001b\[39m\] 100% +12\/12  done in/u);
    expect(result.output).toContain('engine: deepl (12 segment(s) translated)');

    // Without a key nothing is translated: no progress lines, and the engine line says what to set.
    const tmOnly = makeProject({ 'pipeline.config.ts': "export default { targets: { kk: {} } };\n", 'source/a.ru.txt': 'Одно предложение.\n' });
    const none = await runInTerminal(`${TILMASH} run`, tmOnly);
    expect(none.code).toBe(0);
    expect(none.output).not.toContain('total ');
    expect(none.output).toContain('engine: none (TM only; set DEEPL_AUTH_KEY to translate what is missing)');

    const plain = await runCli(['run'], makeProject({ 'pipeline.config.ts': "export default { targets: { kk: { engineLanguage: 'KK' } } };\n", 'source/a.ru.txt': 'Одно предложение.\n' }), { DEEPL_AUTH_KEY: key, DEEPL_SERVER_URL: fake.url });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('kk: 1/1 segments translated\n');
  });
});
