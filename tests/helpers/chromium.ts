/** Headless Debian Chromium through playwright-core, for the HTML review report tests. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** No sandbox (containers), no GPU, and none of Chromium's own network traffic. */
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the review report tests need Debian's chromium, which .ci/run installs (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
