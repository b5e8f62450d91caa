import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html.js';
import { runTides } from '../helpers/cli.js';
import { realisticModel } from './fixtures.js';

/** Debian's `chromium` package (`apt-get install -y chromium`); `.ci/run` installs it. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');

// In CI the browser test must run (a missing Chromium fails it); elsewhere it is skipped when
// Chromium is not installed.
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe.skipIf(skip)('report.html in headless Chromium', () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    directory = await mkdtemp(join(tmpdir(), 'tides-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('renders every chart with no console errors and no network requests', async () => {
    const path = join(directory, 'report.html');
    await writeFile(path, renderHtmlReport(realisticModel()));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const failed: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });

    const boxes = await page.$$eval('svg[role=img]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          width: box.width,
          height: box.height,
          label: svg.querySelector('title')?.textContent,
        };
      }),
    );
    // Reach, the primary measure's forest plot, bands and gradient.
    expect(boxes.length).toBe(4);
    for (const box of boxes) {
      expect(box.width, `${box.label}`).toBeGreaterThan(0);
      expect(box.height, `${box.label}`).toBeGreaterThan(0);
    }
    // The cohort named like markup is text, and no image element exists at all.
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.textContent('body')).toContain('<img src=x onerror=alert(1)>');

    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([pathToFileURL(path).href]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    await page.close();
  });

  it.each([
    ['report.html', ['analyse', 'fixtures/turning-tides']],
    ['summary-2016-17.html', ['summary', 'fixtures/turning-tides', '--year', '2016-17']],
  ])('renders the demo programme’s %s from the built CLI', async (file, args) => {
    const out = join(directory, file.replace('.html', ''));
    const run = runTides([...args, '--out', out, '--sii-simulations', '2000', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(join(out, file)).href;
    await page.goto(url, { waitUntil: 'load' });
    const sizes = await page.$$eval('svg[role=img]', (svgs) =>
      svgs.map((svg) => svg.getBoundingClientRect().width * svg.getBoundingClientRect().height),
    );
    // Accessible structure: one h1, every table captioned (for screen readers when the heading
    // above it says the same), every chart titled with a text alternative.
    expect(await page.$$eval('h1', (h) => h.length)).toBe(1);
    const captions = await page.$$eval('table', (tables) =>
      tables.map((t) => t.querySelector('caption')?.textContent?.trim() ?? ''),
    );
    expect(captions.length).toBeGreaterThan(5);
    expect(captions.filter((c) => c === '')).toEqual([]);
    const untitled = await page.$$eval(
      'svg[role=img]',
      (svgs) =>
        svgs.filter(
          (svg) =>
            !svg.querySelector('title')?.textContent || !svg.querySelector('desc')?.textContent,
        ).length,
    );
    expect(untitled).toBe(0);
    // Reach by IMD decile, and the primary measure's bands and deprivation gradient (a forest
    // plot of 88 partners is not drawn).
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const size of sizes) expect(size).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await mkdir(ARTIFACTS, { recursive: true });
    // A document, not a dump: one self-contained file under 1 MB that prints on at most 20 A4
    // pages (it printed 351 when every table was shown in full).
    expect(statSync(join(out, file)).size).toBeLessThan(1_000_000);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(ARTIFACTS, `demo-${file.replace('.html', '.pdf')}`), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(20);
    await page.screenshot({
      path: join(ARTIFACTS, `demo-${file.replace('.html', '')}.png`),
      fullPage: true,
    });
    await page.close();
  });
});
