import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunTemplates } from '../../src/io/rehearseScenario.js';
import { renderRunReport } from '../../src/report/index.js';
import { defaultResults, ROOT } from '../report/defaultScenario.js';
import { findChromium } from '../support/findChromium.js';

/**
 * The HTML summary in a real browser: Chromium (CHROMIUM_PATH, the system's, or the one the
 * @sparticuz/chromium development dependency ships; see findChromium) driven by playwright-core.
 * Opens the golden example and a report of a scenario named `<script>alert(1)</script>`, from file://,
 * and keeps a full-page screenshot in test-artifacts/summary.png (gitignored) for people to look at.
 */
const ARTIFACTS = join(ROOT, 'test-artifacts');
const HOSTILE = '<script>alert(1)</script>';

/** What a page did while it loaded: console errors, uncaught errors, dialogs and requests beyond its own file. */
interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  requests: string[];
}

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: await findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const log: PageLog = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  page.on('dialog', async (dialog) => {
    log.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url() !== url) log.requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** Width and height of every inline chart, px, as the browser laid them out. */
function chartSizes(page: Page): Promise<Array<{ id: string; width: number; height: number }>> {
  return page.$$eval('svg[role="img"]', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return { id: svg.id, width: box.width, height: box.height };
    }),
  );
}

describe('summary.html in Chromium', () => {
  it('the golden example loads with no errors and no requests, its charts have a size; screenshot kept', async () => {
    const { page, log } = await open(join(ROOT, 'reports/example/summary.html'));
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    const sizes = await chartSizes(page);
    expect(sizes.map((size) => size.id)).toContain('traffic');
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) {
      expect(size.width, size.id).toBeGreaterThan(100);
      expect(size.height, size.id).toBeGreaterThan(50);
    }
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the rendered text
    expect(await page.locator('h1').innerText()).toBe('Sprint 2 cohort analyzer');
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the rendered text
    expect(await page.locator('.badge').innerText()).toBe('ROLLED BACK');
    await page.screenshot({ path: join(ARTIFACTS, 'summary.png'), fullPage: true });
    await page.close();
  });

  it('shows a scenario named <script>alert(1)</script> as text and runs nothing', async () => {
    const results = await defaultResults(undefined, { name: HOSTILE });
    const files = await renderRunReport(results, await readRunTemplates(join(ROOT, 'templates')));
    const file = join(ARTIFACTS, 'hostile-summary.html');
    writeFileSync(file, String(files.find((output) => output.name === 'summary.html')!.content));
    const { page, log } = await open(file);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the rendered text
    expect(await page.locator('h1').innerText()).toBe(HOSTILE);
    expect(await page.title()).toBe(`Rollout rehearsal: ${HOSTILE}`);
    expect(await page.locator('script').count()).toBe(0);
    expect((await chartSizes(page)).length).toBeGreaterThanOrEqual(4);
    await page.close();
  });
});

describe('risk.html in Chromium', () => {
  it('the golden risk report loads with no errors and no requests, its outcomes chart has a size', async () => {
    const file = join(ARTIFACTS, 'risk.html');
    writeFileSync(file, readFileSync(join(ROOT, 'test/cli/golden/risk.html.golden'), 'utf8'));
    const { page, log } = await open(file);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    const sizes = await chartSizes(page);
    expect(sizes.map((size) => size.id)).toEqual(['outcomes']);
    for (const size of sizes) {
      expect(size.width, size.id).toBeGreaterThan(100);
      expect(size.height, size.id).toBeGreaterThan(50);
    }
    await page.close();
  });
});
