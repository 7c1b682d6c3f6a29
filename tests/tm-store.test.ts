import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import { TranslationMemory, type TmEntry } from '../src/tm/index.js';
import { batchFor } from './fixtures/tm-writer-child.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const temps: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tilmash-tm-'));
  temps.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function entry(source: string, target: string, overrides: Partial<TmEntry> = {}): TmEntry {
  return {
    source,
    target,
    origin: 'engine:deepl',
    status: 'machine',
    created: '2024-05-01T10:00:00.000Z',
    changed: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Every file in `dir` with its bytes and mtime, to prove nothing was touched. */
async function snapshot(dir: string): Promise<Record<string, { bytes: string; mtimeMs: number }>> {
  const result: Record<string, { bytes: string; mtimeMs: number }> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    result[name] = { bytes: (await readFile(path)).toString('base64'), mtimeMs: (await stat(path)).mtimeMs };
  }
  return result;
}

async function openError(dir: string): Promise<TilmashError> {
  const error = await TranslationMemory.open(dir, 'ru').then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TilmashError);
  return error as TilmashError;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TranslationMemory: store', () => {
  it('round-trips entries per target locale and writes the canonical format', async () => {
    const dir = join(await tempDir(), 'tm');
    const tm = await TranslationMemory.open(dir, 'ru');
    expect(existsSync(dir)).toBe(false);
    expect(tm.targetLocales()).toEqual([]);

    await tm.record('en', [entry('Привет', 'Hello'), entry('Мир', 'World', { status: 'reviewed', origin: 'human' })]);
    await tm.record('kk', [entry('Привет', 'Сәлем')]);
    expect(existsSync(join(dir, 'ru-en.journal'))).toBe(true);
    expect(tm.lookup('en', 'Привет')?.target).toBe('Hello');

    const written = await tm.save();
    expect(written).toEqual([join(dir, 'ru-en.jsonl'), join(dir, 'ru-kk.jsonl')]);
    expect((await readdir(dir)).sort()).toEqual(['ru-en.jsonl', 'ru-kk.jsonl']);
    expect(await readFile(join(dir, 'ru-en.jsonl'), 'utf8')).toBe(
      '{"source":"Мир","target":"World","origin":"human","status":"reviewed","created":"2024-05-01T10:00:00.000Z","changed":"2024-05-01T10:00:00.000Z"}\n' +
        '{"source":"Привет","target":"Hello","origin":"engine:deepl","status":"machine","created":"2024-05-01T10:00:00.000Z","changed":"2024-05-01T10:00:00.000Z"}\n',
    );

    const again = await TranslationMemory.open(dir, 'ru');
    expect(again.targetLocales()).toEqual(['en', 'kk']);
    expect(again.size('en')).toBe(2);
    expect(again.size('kk')).toBe(1);
    expect(again.size('zh')).toBe(0);
    expect(again.lookup('en', 'Привет')).toEqual(entry('Привет', 'Hello'));
    expect(again.lookup('kk', 'Привет')?.target).toBe('Сәлем');
    expect(again.lookup('kk', 'Мир')).toBeUndefined();
    expect(again.lookup('zh', 'Привет')).toBeUndefined();
    expect(again.lookup('en', 'привет')).toBeUndefined();
    expect(again.sortedEntries('en').map((e) => e.source)).toEqual(['Мир', 'Привет']);
    expect([...again.entries('kk')]).toEqual([entry('Привет', 'Сәлем')]);
    expect(again.hasUnsavedChanges()).toBe(false);
  });

  it('ignores files of other source locales and non-TM files', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'kk-en.jsonl'), 'not json\n');
    await writeFile(join(dir, 'README.md'), '# tm\n');
    const tm = await TranslationMemory.open(dir, 'ru');
    expect(tm.targetLocales()).toEqual([]);
  });

  it('writes the same bytes whatever the insertion order (code-unit order)', async () => {
    const sources = ['b', 'B', 'a', 'é', 'ё', 'Ё', '😀 emoji', '\uff5e fullwidth tilde', 'a b', 'ab', '10', '9'];
    const entries = sources.map((source, i) => entry(source, `t${i}`));
    const dirA = await tempDir();
    const dirB = await tempDir();
    const a = await TranslationMemory.open(dirA, 'ru');
    await a.record('en', entries);
    await a.save();
    const b = await TranslationMemory.open(dirB, 'ru');
    const reversed = [...entries].reverse();
    await b.record('en', reversed.slice(0, 5));
    await b.save();
    await b.record('en', reversed.slice(5));
    await b.save();
    const bytesA = await readFile(join(dirA, 'ru-en.jsonl'), 'utf8');
    expect(await readFile(join(dirB, 'ru-en.jsonl'), 'utf8')).toBe(bytesA);
    const order = bytesA.trimEnd().split('\n').map((line) => (JSON.parse(line) as TmEntry).source);
    expect(order).toEqual([...sources].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // UTF-16 code units, not code points: the surrogate pair sorts before U+FF5E.
    expect(order.indexOf('😀 emoji')).toBeLessThan(order.indexOf('\uff5e fullwidth tilde'));
    expect(bytesA.endsWith('\n') && !bytesA.includes('\n\n') && !bytesA.includes('\r')).toBe(true);
    // Keys in TmEntry order regardless of the order the caller built the object in.
    const shuffled = { changed: 'c2', created: 'c1', status: 'reviewed', origin: 'human', target: 'x', source: 'zz' } as TmEntry;
    await a.record('en', [shuffled]);
    await a.save();
    const zz = (await readFile(join(dirA, 'ru-en.jsonl'), 'utf8')).split('\n').find((l) => l.startsWith('{"source":"zz"'));
    expect(zz).toBe('{"source":"zz","target":"x","origin":"human","status":"reviewed","created":"c1","changed":"c2"}');
  });

  it('save() with no change writes nothing', async () => {
    const dir = await tempDir();
    const tm = await TranslationMemory.open(dir, 'ru');
    await tm.record('en', [entry('один', 'one'), entry('два', 'two')]);
    expect(await tm.save()).toHaveLength(1);
    const before = await snapshot(dir);
    await sleep(30);

    expect(await tm.save()).toEqual([]);
    const reopened = await TranslationMemory.open(dir, 'ru');
    expect(await reopened.save()).toEqual([]);
    // Re-recording identical entries journals them but changes no content.
    await reopened.record('en', [entry('один', 'one')]);
    expect(existsSync(join(dir, 'ru-en.journal'))).toBe(true);
    expect(await reopened.save()).toEqual([]);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a later entry for the same source replaces the earlier one', async () => {
    const dir = await tempDir();
    const tm = await TranslationMemory.open(dir, 'ru');
    await tm.record('en', [entry('кот', 'cat'), entry('кот', 'kitty')]);
    expect(tm.lookup('en', 'кот')?.target).toBe('kitty');
    await tm.save();
    await tm.record('en', [entry('кот', 'tomcat', { status: 'reviewed', changed: '2024-06-01T00:00:00.000Z' })]);
    // Not saved: the journal replays it on open.
    const reopened = await TranslationMemory.open(dir, 'ru');
    expect(reopened.lookup('en', 'кот')).toEqual(entry('кот', 'tomcat', { status: 'reviewed', changed: '2024-06-01T00:00:00.000Z' }));
    expect(reopened.size('en')).toBe(1);
    expect(reopened.hasUnsavedChanges()).toBe(true);
    expect(await reopened.save()).toEqual([join(dir, 'ru-en.jsonl')]);
    expect(existsSync(join(dir, 'ru-en.journal'))).toBe(false);
    expect((await readFile(join(dir, 'ru-en.jsonl'), 'utf8')).split('\n')).toHaveLength(2);
  });

  it('rejects invalid entries and locales in record() without writing', async () => {
    const dir = await tempDir();
    const tm = await TranslationMemory.open(dir, 'ru');
    await expect(tm.record('en', [entry('a', 'b', { status: 'done' as TmEntry['status'] })])).rejects.toThrow(TypeError);
    await expect(tm.record('../en', [entry('a', 'b')])).rejects.toThrow(/invalid target locale/);
    await expect(TranslationMemory.open(dir, 'r/u')).rejects.toThrow(TypeError);
    expect(await readdir(dir)).toEqual([]);
    expect(tm.size('en')).toBe(0);
  });

  it('returned entries are frozen copies', async () => {
    const tm = await TranslationMemory.open(await tempDir(), 'ru');
    const mine = entry('a', 'b');
    await tm.record('en', [mine]);
    mine.target = 'changed by caller';
    const stored = tm.lookup('en', 'a') as TmEntry;
    expect(stored.target).toBe('b');
    expect(Object.isFrozen(stored)).toBe(true);
  });
});

describe('TranslationMemory: malformed files', () => {
  const good = JSON.stringify(entry('хорошо', 'good'));
  const cases: Array<[name: string, line2: string, message: RegExp]> = [
    ['invalid JSON', '{"source":"x","target":', /invalid JSON/],
    ['missing field', JSON.stringify({ source: 'x', target: 'y', origin: 'human', status: 'machine', created: 'c' }), /missing field "changed"/],
    ['wrong type', JSON.stringify({ ...entry('x', 'y'), target: 42 }), /field "target" must be a string, found number 42/],
    ['unknown status', JSON.stringify(entry('x', 'y', { status: 'approved' as TmEntry['status'] })), /unknown status "approved" \(expected one of translated, machine, needs-review, reviewed\)/],
    ['duplicate source', JSON.stringify(entry('хорошо', 'fine')), /duplicate source "хорошо" \(also on line 1\)/],
    ['unknown field', JSON.stringify({ ...entry('x', 'y'), note: 'n' }), /unknown field "note"/],
    ['not an object', '["x","y"]', /expected a JSON object/],
    ['blank line', '', /blank line/],
    ['merge conflict', '<<<<<<< HEAD', /merge conflict/],
  ];

  for (const [name, line2, message] of cases) {
    it(`${name}: badTm naming file:line, nothing changed`, async () => {
      const dir = await tempDir();
      const file = join(dir, 'ru-en.jsonl');
      await writeFile(file, `${good}\n${line2}\n${JSON.stringify(entry('я', 'I'))}\n`);
      await writeFile(join(dir, 'ru-en.journal'), `${JSON.stringify(entry('новое', 'new'))}\n`);
      const before = await snapshot(dir);
      const error = await openError(dir);
      expect(error.kind).toBe('badTm');
      expect(error.exitCode).toBe(5);
      expect(error.file).toBe(file);
      expect(error.message.startsWith(`${file}:2: `)).toBe(true);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/the TM was not changed/);
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('invalid UTF-8 names the line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ru-kk.jsonl');
    await writeFile(file, Buffer.concat([Buffer.from(`${good}\n${good.replace('хорошо', 'ещё')}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]));
    const error = await openError(dir);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not valid UTF-8`));
  });

  it('a bad file name is an error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ru-en copy.jsonl'), `${good}\n`);
    const error = await openError(dir);
    expect(error.kind).toBe('badTm');
    expect(error.message).toMatch(/not a TM file name/);
  });
});

describe('TranslationMemory: journal', () => {
  const line = (source: string, target: string) => `${JSON.stringify(entry(source, target))}\n`;

  it('ignores a torn last line, cuts it off before the next append', async () => {
    const dir = await tempDir();
    const journal = join(dir, 'ru-en.journal');
    const torn = line('три', 'three').slice(0, 30);
    await writeFile(journal, line('один', 'one') + line('два', 'two') + torn);
    const before = await snapshot(dir);
    const tm = await TranslationMemory.open(dir, 'ru');
    expect(await snapshot(dir)).toEqual(before);
    expect(tm.size('en')).toBe(2);
    expect(tm.lookup('en', 'два')?.target).toBe('two');

    await tm.record('en', [entry('четыре', 'four')]);
    expect(await readFile(journal, 'utf8')).toBe(line('один', 'one') + line('два', 'two') + line('четыре', 'four'));
    const reopened = await TranslationMemory.open(dir, 'ru');
    expect(reopened.size('en')).toBe(3);
    await reopened.save();
    expect(existsSync(journal)).toBe(false);
    expect((await TranslationMemory.open(dir, 'ru')).size('en')).toBe(3);
  });

  it('ignores an unparseable complete last line and a torn multi-byte character', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ru-en.journal'), `${line('один', 'one')}{"source":"два"\n`);
    expect((await TranslationMemory.open(dir, 'ru')).size('en')).toBe(1);
    const bytes = Buffer.from(line('один', 'one') + line('дваж', 'two'));
    await writeFile(join(dir, 'ru-en.journal'), bytes.subarray(0, bytes.length - 60));
    expect((await TranslationMemory.open(dir, 'ru')).size('en')).toBe(1);
  });

  it('a journal without a .jsonl file is a pair of its own', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ru-zh-Hans.journal'), line('один', '一'));
    const tm = await TranslationMemory.open(dir, 'ru');
    expect(tm.targetLocales()).toEqual(['zh-Hans']);
    expect(await tm.save()).toEqual([join(dir, 'ru-zh-Hans.jsonl')]);
  });

  it('a bad middle line is a badTm error naming journal:line', async () => {
    const dir = await tempDir();
    const journal = join(dir, 'ru-en.journal');
    await writeFile(join(dir, 'ru-en.jsonl'), line('ноль', 'zero'));
    await writeFile(journal, line('один', 'one') + '{"source":"два",\n' + line('три', 'three'));
    const before = await snapshot(dir);
    const error = await openError(dir);
    expect(error.kind).toBe('badTm');
    expect(error.message.startsWith(`${journal}:2: invalid JSON`)).toBe(true);
    expect(error.message).toMatch(/TM journal/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('serialises concurrent record() and save() calls', async () => {
    const dir = await tempDir();
    const tm = await TranslationMemory.open(dir, 'ru');
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      work.push(tm.record(i % 2 ? 'en' : 'kk', [entry(`s${i}`, `t${i}`)]));
      if (i % 5 === 4) work.push(tm.save());
    }
    await Promise.all(work);
    await tm.save();
    const reopened = await TranslationMemory.open(dir, 'ru');
    expect(reopened.size('en') + reopened.size('kk')).toBe(20);
    expect((await readdir(dir)).sort()).toEqual(['ru-en.jsonl', 'ru-kk.jsonl']);
  });
});

describe('TranslationMemory: killed writer', () => {
  let compiledDir = '';
  let moduleUrl = '';

  beforeAll(async () => {
    // Compile only the TM modules (not the whole project, which others may be editing).
    compiledDir = await mkdtemp(join(tmpdir(), 'tilmash-tm-build-'));
    const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');
    const tmSources = (await readdir(join(repoRoot, 'src/tm'))).filter((name) => name.endsWith('.ts')).map((name) => join('src/tm', name));
    execFileSync(
      process.execPath,
      [tsc, '--ignoreConfig', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node',
        '--strict', '--skipLibCheck', '--rootDir', 'src', '--outDir', compiledDir, 'src/errors.ts', ...tmSources],
      { cwd: repoRoot, stdio: 'pipe' },
    );
    await writeFile(join(compiledDir, 'package.json'), '{"type":"module"}\n');
    moduleUrl = pathToFileURL(join(compiledDir, 'tm', 'translation-memory.js')).href;
  }, 60_000);

  afterAll(async () => {
    if (compiledDir !== '') await rm(compiledDir, { recursive: true, force: true });
  });

  /** Runs the child until its first ack, then SIGKILLs it `delayMs` later; returns the acked batch numbers. */
  function runAndKill(dir: string, round: number, delayMs: number): Promise<{ acked: number[]; stderr: string }> {
    const child = spawn(process.execPath, [fileURLToPath(new URL('fixtures/tm-writer-child.mjs', import.meta.url)), moduleUrl, dir, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const lines = stdout.split('\n');
        stdout = lines.pop() ?? '';
        for (const text of lines) if (text.startsWith('ack ')) acked.push(Number(text.slice(4)));
        if (acked.length > 0 && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const safety = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('error', reject);
      child.on('close', (_code, signal) => {
        clearTimeout(safety);
        if (signal !== 'SIGKILL') reject(new Error(`child exited without being killed: ${stderr}`));
        else resolve({ acked, stderr });
      });
    });
  }

  it('keeps every acknowledged entry across SIGKILLs at random moments', async () => {
    const dir = join(await tempDir(), 'tm');
    const expected = new Map<string, Map<string, string>>();
    let lastSharedBatch: { round: number; n: number } | undefined;
    const delays: number[] = [];

    for (let round = 0; round < 5; round++) {
      const delay = 20 + Math.floor(Math.random() * 181);
      delays.push(delay);
      const { acked, stderr } = await runAndKill(dir, round, delay);
      expect(stderr, `round ${round}`).toBe('');
      expect(acked.length).toBeGreaterThan(0);
      for (const n of acked) {
        const { locale, entries } = batchFor(round, n);
        const map = expected.get(locale) ?? new Map<string, string>();
        expected.set(locale, map);
        for (const e of entries) map.set(e.source, e.target);
        if (locale === 'en') lastSharedBatch = { round, n };
      }

      const tm = await TranslationMemory.open(dir, 'ru');
      for (const [locale, map] of expected) {
        for (const [source, target] of map) {
          if (source === 'shared') continue;
          expect(tm.lookup(locale, source)?.target, `round ${round} (delays ${delays.join(',')}): ${locale} ${source.slice(0, 30)}`).toBe(target);
        }
      }
      if (lastSharedBatch !== undefined && lastSharedBatch.round === round) {
        // The acked value, or one from a later batch that was written but not yet acked.
        const match = /^r(\d+)b(\d+)$/.exec(tm.lookup('en', 'shared')?.target ?? '');
        expect(match).not.toBeNull();
        expect(Number(match?.[1])).toBe(round);
        expect(Number(match?.[2])).toBeGreaterThanOrEqual(lastSharedBatch.n);
      }
    }

    const tm = await TranslationMemory.open(dir, 'ru');
    const counts = tm.targetLocales().map((locale) => tm.size(locale));
    await tm.save();
    const names = await readdir(dir);
    expect(names.filter((name) => name.endsWith('.journal'))).toEqual([]);
    const reopened = await TranslationMemory.open(dir, 'ru');
    expect(reopened.targetLocales().map((locale) => reopened.size(locale))).toEqual(counts);
    expect(await reopened.save()).toEqual([]);
    for (const locale of reopened.targetLocales()) {
      const text = await readFile(reopened.filePath(locale), 'utf8');
      const sources = text.trimEnd().split('\n').map((l) => (JSON.parse(l) as TmEntry).source);
      expect(sources).toEqual([...sources].sort());
      expect(text).toBe(`${reopened.sortedEntries(locale).map((e) => JSON.stringify(e)).join('\n')}\n`);
    }
  }, 60_000);
});
