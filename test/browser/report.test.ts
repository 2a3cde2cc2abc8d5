import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTextWidth } from '../../src/charts/estimateTextWidth.js';
import { readRunTemplates } from '../../src/io/rehearseScenario.js';
import { RUN_REPORT, renderReport } from '../../src/report/index.js';
import { defaultResults, ROOT } from '../report/defaultScenario.js';
import { findChromium } from '../support/findChromium.js';

/**
 * The HTML summary in a real browser: Chromium (CHROMIUM_PATH, the system's, or the one the
 * @sparticuz/chromium development dependency ships; see findChromium) driven by playwright-core.
 * Opens the golden example and a report of a scenario named `<script>alert(1)</script>`, from file://,
 * and keeps a full-page screenshot in test-artifacts/summary.png (gitignored) for people to look at.
 * The charts lay their text out from estimated widths; here the browser's own font measures it.
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

async function open(file: string, widthPx = 1100): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: widthPx, height: 900 } });
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

/** A chart's text as the browser drew it, in the chart's own px (its box from the font the browser chose). */
interface DrawnText {
  text: string;
  /** The class of the nearest group (`phase-names`, `marker-labels`, `labels`, …). */
  group: string;
  vertical: boolean;
  sizePx: number;
  bold: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every chart with its declared and drawn size and the boxes of its texts. */
function drawnCharts(page: Page) {
  return page.$$eval('svg[role="img"]', (svgs) =>
    svgs.map((svg) => {
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].map((text) => {
        const box = text.getBoundingClientRect();
        return {
          text: text.textContent ?? '',
          group: text.closest('g[class]')?.getAttribute('class') ?? '',
          vertical: text.hasAttribute('transform'),
          sizePx: Number(text.getAttribute('font-size')),
          bold: text.hasAttribute('font-weight'),
          x: box.x - frame.x,
          y: box.y - frame.y,
          width: box.width,
          height: box.height,
        };
      });
      return {
        id: svg.id,
        declaredWidth: Number(svg.getAttribute('width')),
        width: frame.width,
        height: frame.height,
        texts,
      };
    }),
  );
}

/** Whether two drawn texts' boxes overlap, less 1 px at the top and bottom (a font's line box holds blank space). */
function textsOverlap(a: DrawnText, b: DrawnText): boolean {
  return (
    a.x < b.x + b.width && b.x < a.x + a.width && a.y + 1 < b.y + b.height - 1 && b.y + 1 < a.y + a.height - 1
  );
}

describe('summary.html in Chromium', () => {
  it('at 1280 px the page does not scroll sideways and the charts are drawn at their size, their text inside them and estimated wide enough', async () => {
    const { page } = await open(join(ROOT, 'reports/example/summary.html'), 1280);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(1280);
    const charts = await drawnCharts(page);
    expect(charts).toHaveLength(9);
    for (const chart of charts) {
      expect(chart.width, `${chart.id} is shrunk to fit`).toBe(chart.declaredWidth);
      for (const text of chart.texts) {
        const where = `${chart.id}: "${text.text}"`;
        expect(text.x, where).toBeGreaterThanOrEqual(-0.5);
        expect(text.y, where).toBeGreaterThanOrEqual(-0.5);
        expect(text.x + text.width, where).toBeLessThanOrEqual(chart.width + 0.5);
        expect(text.y + text.height, where).toBeLessThanOrEqual(chart.height + 0.5);
        if (!text.vertical) {
          const estimate = estimateTextWidth(text.text, text.sizePx, text.bold ? 'bold' : 'normal');
          expect(text.width, `${where} is wider than its estimate ${estimate}`).toBeLessThanOrEqual(
            estimate + 0.5,
          );
        }
      }
    }
    await page.close();
  });

  it('the timeline’s labels (time ticks, phase names, decisions) do not overlap as the browser draws them', async () => {
    const { page } = await open(join(ROOT, 'reports/example/summary.html'), 1280);
    const traffic = (await drawnCharts(page)).find((chart) => chart.id === 'traffic')!;
    const labels = traffic.texts.filter((text) =>
      ['labels', 'phase-names', 'marker-labels'].includes(text.group),
    );
    expect(labels.length).toBeGreaterThanOrEqual(4 + 3 + 2);
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1))
        expect(textsOverlap(a, b), `"${a.text}" and "${b.text}"`).toBe(false);
    });
    await page.close();
  });

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
    const files = await renderReport(RUN_REPORT, results, await readRunTemplates(join(ROOT, 'templates')));
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

describe('the wide reports fit a 1280 px window', () => {
  /** Boxes of the page's chart labels (every `<text>` of every inline chart), in page px, by chart. */
  function labelBoxes(page: Page) {
    return page.$$eval('svg[role="img"]', (svgs) =>
      svgs.map((svg) => ({
        id: svg.id,
        boxes: [...svg.querySelectorAll('text')].map((text) => {
          const box = text.getBoundingClientRect();
          return { text: text.textContent ?? '', x: box.x, y: box.y, width: box.width, height: box.height };
        }),
      })),
    );
  }

  async function whatifHtml(): Promise<string> {
    const { whatifCommand } = await import('../../src/cli/commands/whatif.js');
    const out = join(ARTIFACTS, 'whatif');
    const quiet = { write: () => true };
    await whatifCommand(
      join(ROOT, 'scenarios/sprint2-rollout.yaml'),
      {
        workers: '1',
        runs: '40',
        faults: [join(ROOT, 'scenarios/faults/seed-risks.yaml')],
        out,
        quiet: true,
      },
      { stdout: quiet, stderr: quiet },
    );
    return join(out, 'whatif.html');
  }

  it.each([
    [
      'risk.html',
      async () => {
        const file = join(ARTIFACTS, 'risk-1280.html');
        writeFileSync(file, readFileSync(join(ROOT, 'test/cli/golden/risk.html.golden'), 'utf8'));
        return file;
      },
    ],
    ['whatif.html', whatifHtml],
  ])('%s does not scroll sideways at 1280 px, and no two chart labels overlap', async (_name, make) => {
    const { page } = await open(await make(), 1280);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    for (const chart of await labelBoxes(page)) {
      const boxes = chart.boxes.filter((box) => box.width > 0 && box.text.trim() !== '');
      boxes.forEach((a, i) => {
        for (const b of boxes.slice(i + 1)) {
          const overlap =
            a.x < b.x + b.width &&
            b.x < a.x + a.width &&
            a.y + 1 < b.y + b.height - 1 &&
            b.y + 1 < a.y + a.height - 1;
          expect(overlap, `${chart.id}: "${a.text}" and "${b.text}"`).toBe(false);
        }
      });
    }
    await page.close();
  });
});
