/**
 * Headless Chromium through playwright-core, for the HTML review report tests.
 *
 * Which Chromium: Debian's /usr/bin/chromium when it is installed, else the one shipped inside the
 * npm package @sparticuz/chromium (a devDependency, so `npm ci` is all a fresh machine needs).
 * TILMASH_TEST_CHROMIUM=npm forces the npm one, =system the Debian one, and a path names a binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** No sandbox (containers), no GPU, and none of Chromium's own network traffic. */
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The npm build is chrome-headless-shell: the package's own flags (single process, SwiftShader), plus no network of its own. */
const NPM_EXTRA_ARGS = ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium; fails with what to install when none can be had. */
export async function launchChromium(): Promise<Browser> {
  const choice = process.env.TILMASH_TEST_CHROMIUM ?? (existsSync(CHROMIUM) ? 'system' : 'npm');
  if (choice === 'npm') {
    const { executablePath, args } = await npmChromium();
    // Without --single-process: in it, closing a test's last page ends the whole browser, and the
    // next test of the file finds it closed.
    return chromium.launch({ executablePath, args: [...args.filter((a) => a !== '--single-process'), ...NPM_EXTRA_ARGS] });
  }
  const executablePath = choice === 'system' ? CHROMIUM : choice;
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing (TILMASH_TEST_CHROMIUM=${choice}): unset TILMASH_TEST_CHROMIUM to use the Chromium of the npm package @sparticuz/chromium, installed by npm ci`);
  }
  return chromium.launch({ executablePath, args: ARGS });
}

/**
 * The binary of @sparticuz/chromium, unpacked once per package version into
 * `<tmpdir>/tilmash-chromium-<version>`. The package unpacks into os.tmpdir(), so a child process
 * does it with TMPDIR set to a fresh folder, which is then renamed into place: test files running
 * in parallel never see a half-written binary.
 */
async function npmChromium(): Promise<{ executablePath: string; args: string[] }> {
  const version = packageVersion();
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  const target = path.join(tmpdir(), `tilmash-chromium-${version}`);
  const executablePath = path.join(target, 'chromium');
  if (!existsSync(executablePath)) unpack(target);
  return { executablePath, args: Sparticuz.args };
}

function unpack(target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  const script = "const { default: c } = await import('@sparticuz/chromium'); process.stdout.write(await c.executablePath());";
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.dirname(fileURLToPath(import.meta.url)),
    env: { ...process.env, TMPDIR: staging },
    encoding: 'utf8',
  });
  if (child.status !== 0 || child.stdout !== path.join(staging, 'chromium')) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not unpack the Chromium of @sparticuz/chromium into ${staging}: ${child.stderr || child.stdout}`);
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true }); // another test file unpacked it first
    if (!existsSync(path.join(target, 'chromium'))) throw error;
  }
}


/** The version of the installed @sparticuz/chromium (its exports do not include package.json). */
function packageVersion(): string {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
  } catch {
    throw new Error('no Chromium: /usr/bin/chromium is not installed and the devDependency @sparticuz/chromium is missing; run npm ci');
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@sparticuz/chromium' && version !== undefined) return version;
  }
  throw new Error('@sparticuz/chromium has no package.json with its version; run npm ci');
}

/**
 * One browser for a test file: launched before its tests, closed after them (with the temp
 * projects). `browser()` gives it to a test.
 */
export function useBrowser(afterClose: () => void = () => undefined): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    afterClose();
  });
  return () => {
    if (!browser) throw new Error('useBrowser: the browser is not launched yet (call it at the top of the test file)');
    return browser;
  };
}
