import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { seededDb } from './helpers.ts';
import { ROOT } from './paths.ts';

// The TimelineJS export, loaded by TimelineJS itself (Knight Lab's build, from the registry) in
// Debian's Chromium: every item becomes a slide and a marker, and the page raises no error.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) {
  console.warn(`\n  NOTICE: TimelineJS browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
}

const TIMELINEJS = join(ROOT, 'node_modules/@knight-lab/timelinejs/dist');

describe.skipIf(!hasBrowser)('the TimelineJS export in TimelineJS', () => {
  it('renders a slide and a marker for every item', async () => {
    const app = createApp({ db: seededDb().db });
    const exported = await (await app.fetch('http://claimline.test/export/timelinejs')).json();
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setContent('<!doctype html><html><body><div id="timeline" style="width: 1100px; height: 700px"></div></body></html>');
      await page.addStyleTag({ path: join(TIMELINEJS, 'css/timeline.css') });
      await page.addScriptTag({ path: join(TIMELINEJS, 'js/timeline.js') });
      await page.evaluate((data) => {
        (window as any).timeline = new (window as any).TL.Timeline('timeline', data, { language: 'en' });
      }, exported);
      // The title slide, then one slide per item; one marker per item on the time navigation.
      await expect.poll(() => page.locator('.tl-slide').count(), { timeout: 15_000 }).toBe(exported.events.length + 1);
      await expect.poll(() => page.locator('.tl-timemarker').count(), { timeout: 15_000 }).toBe(exported.events.length);
      const headlines = await page.locator('.tl-slide .tl-headline').allInnerTexts();
      expect(headlines).toContain('Accusation by Russian military');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
