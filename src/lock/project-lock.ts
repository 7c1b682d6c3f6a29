/**
 * One writer at a time: every command that writes the TM, bundles or key maps holds
 * `<project>/.tilmash.lock` (created with O_EXCL; it names the pid, host, command and start time).
 * A second command waits a bounded time or refuses with `locked` (exit 10). A lock left by a
 * process that is gone (same host, pid not running) is taken over with a warning.
 */
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TilmashError } from '../errors.js';
import { ioError } from '../write/io-error.js';

export const LOCK_FILE = '.tilmash.lock';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  started: string;
}

export interface LockOptions {
  /** How long to wait for another holder, in ms (0: refuse at once). */
  waitMs: number;
  /** Told once when the command starts waiting, and when it takes over a stale lock. */
  onMessage?: (message: string) => void;
  /** Between tries. @default 200 */
  pollMs?: number;
  /** Aborting while waiting gives up (interrupted). */
  signal?: AbortSignal;
}

export interface ProjectLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(holder: LockHolder | undefined): string {
  if (!holder) return 'another Tilmash command (its lock file is unreadable)';
  return `\`tilmash ${holder.command}\` (pid ${holder.pid} on ${holder.host}, started ${holder.started})`;
}

async function readHolder(file: string): Promise<{ text: string; holder: LockHolder | undefined } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(error, file, 'read the project lock');
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return { text, holder: typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

/** Creates the lock file exclusively; false when it exists. */
async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw ioError(error, file, 'create the project lock');
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes a stale lock only if it is still the one read (`text`): it is renamed aside first, so two
 * commands taking over at once never remove each other's fresh lock.
 */
async function takeOver(file: string, text: string): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else took it over first
  }
  if ((await readFile(aside, 'utf8').catch(() => '')) !== text) await link(aside, file).catch(() => undefined); // not the stale one: put it back
  await unlink(aside).catch(() => undefined);
}

/** Acquires the project lock of `rootDir` for `command`, waiting up to `options.waitMs`. */
export async function acquireProjectLock(rootDir: string, command: string, options: LockOptions): Promise<ProjectLock> {
  const file = path.join(rootDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    if (await tryCreate(file, me)) return { path: file, release: () => release(file, me) };
    const seen = await readHolder(file);
    if (seen === undefined) continue; // released meanwhile
    if (await isStale(file, seen.holder, me.host)) {
      options.onMessage?.(`warning: ${LOCK_FILE} was left by ${describe(seen.holder)}, which is no longer running; taking it over.`);
      await takeOver(file, seen.text);
      continue;
    }
    if (Date.now() >= deadline || options.signal?.aborted) throw lockedError(file, seen.holder, options.waitMs);
    if (!told) options.onMessage?.(`Waiting up to ${Math.round(options.waitMs / 1000)} s for ${describe(seen.holder)} to finish…`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now()))));
  }
}

/** A holder on this host whose pid is gone, or an unreadable lock (a crash while creating it) older than 10 s. */
async function isStale(file: string, holder: LockHolder | undefined, host: string): Promise<boolean> {
  if (holder) return holder.host === host && !processAlive(holder.pid);
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > 10_000;
}

function lockedError(file: string, holder: LockHolder | undefined, waitedMs: number): TilmashError {
  const waited = waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : '';
  return new TilmashError(
    'locked',
    `${file}: ${describe(holder)} is writing this project${waited}. Nothing was done. Fix: run again when it has finished, or pass --wait[=seconds] to wait for it; if no such command is running, delete ${LOCK_FILE}.`,
    { file },
  );
}

/** Removes the lock if it is still ours. */
async function release(file: string, me: LockHolder): Promise<void> {
  const seen = await readHolder(file).catch(() => undefined);
  if (seen?.holder && seen.holder.pid === me.pid && seen.holder.started === me.started && seen.holder.host === me.host) {
    await unlink(file).catch(() => undefined);
  }
}

/** Runs `task` holding the project lock; releases it however the task ends. */
export async function withProjectLock<T>(rootDir: string, command: string, options: LockOptions, task: () => Promise<T>): Promise<T> {
  const lock = await acquireProjectLock(rootDir, command, options);
  try {
    return await task();
  } finally {
    await lock.release();
  }
}
