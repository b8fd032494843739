import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../src/server/http.ts';
import { seededDb } from './helpers.ts';

// Debian's Chromium, driven by playwright-core (a browser download is not possible here).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) {
  console.warn(`\n  NOTICE: GraphiQL browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
}

describe.skipIf(!hasBrowser)('GraphiQL in headless Chromium', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await listen(seededDb().db, 0, '127.0.0.1'));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('opens with the example operations, runs one, opens another by its tab and runs it, loading nothing from elsewhere', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      // As wide as a laptop screen: every tab must be in sight, with its explanation readable.
      const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(url);
      const run = page.locator('.graphiql-execute-button');
      await run.waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
      await run.click();
      const result = page.locator('.result-window');
      // The result editor renders only its visible (wrapped) lines: the first accusation, oldest first.
      // Monaco draws spaces as non-breaking ones and wraps long lines: compare with spaces folded.
      const shown = async () => (await result.innerText()).replace(/\s+/g, ' ');
      await expect.poll(shown, { timeout: 20_000 }).toContain('"edtf": "2017-09-11~/2017-10-11"');
      expect(await shown()).toContain('"name": "United States"');
      // Another example opens with a click on its tab, and runs.
      await page.locator('.graphiql-tab', { hasText: 'GraphWalks' }).locator('.graphiql-tab-button').click();
      await expect.poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain('query GraphWalks');
      // GraphiQL settles the tab's operation name a moment after its text: run until it has.
      await expect.poll(async () => (await run.click(), await page.waitForTimeout(300), shown()), { timeout: 20_000, interval: 200 }).toContain('"thread"');
      // The last tab is in sight (the strip wraps rather than hiding tabs) and opens.
      const last = page.locator('.graphiql-tab', { hasText: 'DataSetRecords' });
      const box = (await last.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1500);
      expect(box.y + box.height).toBeLessThanOrEqual(900);
      await last.locator('.graphiql-tab-button').click();
      await expect.poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain('query DataSetRecords');
      // The point-and-click Explorer lists the root fields; ticking one writes it into the tab's query.
      await page.locator('.graphiql-tab-button', { hasText: /^Search$/ }).click();
      await expect.poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain('query Search');
      await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
      const explorer = page.locator('.graphiql-explorer-root');
      await explorer.waitFor({ timeout: 10_000 });
      await expect.poll(() => explorer.innerText(), { timeout: 10_000 }).toContain('timeline');
      await explorer.locator('.graphiql-explorer-node > [data-field-name="path"]').first().click();
      // The field is added at the end of the operation: look there.
      await page.locator('.graphiql-query-editor .monaco-editor').click();
      await page.keyboard.press('Control+End');
      await expect.poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain('path(from: "", to: "")');
      if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
      const origin = new URL(url).origin;
      expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
