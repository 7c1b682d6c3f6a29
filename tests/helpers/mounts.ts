/**
 * Real file-system faults for the reliability tests: a tmpfs mounted over a project folder, made
 * read-only or filled up. Needs root (mount); `mountSkipReason()` says why a test is skipped.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const mounted: string[] = [];

/** Undefined when tmpfs mounts work here; otherwise why the test is skipped. */
export function mountSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a read-only or full tmpfs (run the reliability suite as root)';
  const probe = mkdtempSync(path.join(tmpdir(), 'tilmash-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'mount -t tmpfs is not permitted in this container';
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `sizeKb` over `dir`, keeping the files that were there (copied in). */
export function mountTmpfs(dir: string, sizeKb: number): void {
  const keep = mkdtempSync(path.join(tmpdir(), 'tilmash-mount-keep-'));
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) cpSync(path.join(dir, name), path.join(keep, name), { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  mounted.push(dir);
  for (const name of readdirSync(keep)) cpSync(path.join(keep, name), path.join(dir, name), { recursive: true });
  rmSync(keep, { recursive: true, force: true });
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir]);
}

/** Fills the file system holding `dir` until a write fails with ENOSPC. */
export function fillUp(dir: string): void {
  const fd = openSync(path.join(dir, '.filler'), 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/** Unmounts everything mounted so far (call in afterAll, before removing the projects). */
export function unmountAll(): void {
  for (const dir of mounted.splice(0).reverse()) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
