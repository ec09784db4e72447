/**
 * Launches Debian's Chromium through playwright-core for the end-to-end test and the render
 * benchmark (dev-only: playwright-core is a dev dependency). CHROMIUM_PATH overrides the binary.
 * WebGL runs on SwiftShader (software) in headless mode, so frame times are a CPU-bound floor.
 */
import type { Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
