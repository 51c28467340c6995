// The harness of the pane tests: bundles test/ui/page.ts (the real pane on a stand-in bridge over
// the in-memory workbook) once, and opens it in headless Chromium at a given width, host and
// language. No network: the page is set as content, every request is refused.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { PageConfig } from './page';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const root = join(__dirname, '../..');
export const screenshots = join(root, 'test-artifacts/screenshots');

export interface Open extends Partial<PageConfig> {
  width?: number;
  /** Wait for the Analyse tab's first preview (default), or not (error states). */
  waitForPreview?: boolean;
}

/** Registers the browser's setup and teardown; call inside a describe. */
export function usePane(): { open(options?: Open): Promise<Page> } {
  let context: BrowserContext;
  let userDataDir: string;
  let script: string;
  const css = readFileSync(join(root, 'src/ui/pane.css'), 'utf8');

  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [join(__dirname, 'page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      charset: 'utf8',
      logLevel: 'silent',
    });
    script = bundled.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
    mkdirSync(screenshots, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'pane-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 300, height: 900 },
    });
    // Nothing may leave the machine: the page is self-contained.
    await context.route('**/*', (route) => route.abort());
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  async function open(options: Open = {}): Promise<Page> {
    const { width = 300, waitForPreview = true, ...config } = options;
    const host = config.host ?? 'sheets';
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style></head>
<body class="${host}"><main id="app"></main><script>window.__config = ${JSON.stringify({ host, ...config })};</script><script>${script}</script></body></html>`;
    await page.setContent(html);
    if (waitForPreview) await page.waitForSelector('.headline');
    expect(errors).toEqual([]);
    return page;
  }

  return { open };
}
