import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LiveFeedStack, MEXICO_QUALIFYING, replayFrom, startLiveFeedStack } from './live-feed-stack';

/** Debian's chromium; playwright-core never downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
/** Ten times real time, from two minutes into Q1: cars on track, laps being set, quick to watch. */
const SPEED = 10;
const FROM_SESSION_MS = 2 * 60_000;

/** How long the page may take to show something, on a machine busy with other work. */
const WAIT_MS = 120_000;
/** Per test: a wait or two, with room to spare. */
const TEST_MS = 2 * WAIT_MS + 30_000;

type CarPositions = Record<string, { x: number; y: number }>;

describe('the live timing dashboard in a browser, during a replay of the 2025 Mexico City qualifying', () => {
  let stack: LiveFeedStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let movingCar: string | undefined;

  beforeAll(async () => {
    stack = await startLiveFeedStack();
    await replayFrom(stack.url, MEXICO_QUALIFYING.folder, SPEED, FROM_SESSION_MS);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1680, height: 980 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.url}/?session=${MEXICO_QUALIFYING.sessionKey}`, { timeout: WAIT_MS });
  }, 60_000 + WAIT_MS);

  // The leaderboard is redrawn several times a second. `page.$eval` finds the row and clicks it in
  // two round trips, so a redraw in between detached the row and the click reached nothing (a CI
  // failure); finding and clicking in one evaluation clicks the row on screen, as a person would.
  const clickRow = async (driverNumber: number | string | undefined) => {
    const clicked = await page.evaluate<boolean>(
      `(() => {
        const row = document.querySelector('#leaderboard tr[data-driver="${Number(driverNumber)}"]');
        row?.click();
        return Boolean(row);
      })()`,
    );
    expect(clicked, `a leaderboard row for car ${driverNumber}`).toBe(true);
  };

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, WAIT_MS);

  it(
    'shows all 20 drivers in the leaderboard, with names and lap times',
    async () => {
      // Page code as strings: these tests are typechecked without the DOM library.
      // 20 rows, numbered 1 to 20 top down. The table changes several times a second during the
      // replay (once, under heavy load, a frame was caught out of order): wait for a frame that reads so.
      await page.waitForFunction(
        `(() => {
          const shown = [...document.querySelectorAll('#leaderboard tbody tr .pos')].map((cell) => cell.textContent.trim());
          return shown.length === 20 && shown.every((position, index) => position === String(index + 1));
        })()`,
        null,
        { timeout: WAIT_MS },
      );
      // Read in one evaluation: `$$eval` queries and reads in two round trips, and rows redrawn in
      // between would be read from different frames.
      const rows = await page.evaluate<{ position?: string; tla?: string }[]>(
        `[...document.querySelectorAll('#leaderboard tbody tr')].map((tr) => ({
          position: tr.querySelector('.pos')?.textContent?.trim(),
          tla: tr.querySelector('.tla')?.textContent?.trim(),
        }))`,
      );
      expect(rows.map((row) => row.position)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
      expect(rows.every((row) => row.tla && /^[A-Z]{3}$/.test(row.tla))).toBe(true);
      expect(new Set(rows.map((row) => row.tla)).size).toBe(20);
      await expect
        .poll(
          () =>
            page.$$eval(
              '#leaderboard td.best',
              (cells) => cells.filter((cell) => cell.textContent?.trim()).length,
            ),
          { timeout: WAIT_MS },
        )
        .toBeGreaterThan(0);
      expect(await page.textContent('#session-title')).toContain('Mexico City Grand Prix');
      // Rows are kept per car and moved when the order changes: read 90 frames as they are painted,
      // and none may show positions out of order (level positions may stand side by side for a frame).
      const disordered = await page.evaluate<string[][]>(
        `new Promise((resolve) => {
          const bad = [];
          let frames = 0;
          const read = () => {
            const shown = [...document.querySelectorAll('#leaderboard tbody tr .pos')].map((cell) => Number(cell.textContent));
            if (shown.some((position, i) => i > 0 && position < shown[i - 1])) bad.push(shown.map(String));
            if (++frames < 90) requestAnimationFrame(read);
            else resolve(bad);
          };
          requestAnimationFrame(read);
        })`,
      );
      expect(disordered).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'moves the cars on the track map',
    async () => {
      const read = () => page.evaluate<CarPositions>('window.slipstream.map.carPositions()');
      await expect
        .poll(async () => Object.keys(await read()).length, { timeout: WAIT_MS })
        .toBeGreaterThanOrEqual(10);
      const before = await read();
      // Cars in the garage stand still; those on a lap move within a second or two of session time.
      await expect
        .poll(
          async () => {
            const after = await read();
            const moved = Object.keys(before).filter(
              (car) =>
                after[car] && Math.hypot(after[car].x - before[car].x, after[car].y - before[car].y) > 10,
            );
            // One the dashboard has not picked already, so the next test shows a click changing the pick.
            const picked = await page.evaluate<number | null>('window.slipstream.selected');
            movingCar = moved.find((car) => Number(car) !== picked);
            return moved.length;
          },
          { timeout: WAIT_MS },
        )
        .toBeGreaterThanOrEqual(3);
    },
    TEST_MS,
  );

  it(
    'follows a car picked in the leaderboard with its telemetry',
    async () => {
      expect(movingCar).toBeDefined();
      const before = await page.evaluate<number | null>('window.slipstream.selected');
      expect(before).not.toBe(Number(movingCar));
      await clickRow(movingCar);
      expect(await page.evaluate<number | null>('window.slipstream.selected')).toBe(Number(movingCar));
      const tla = await page.textContent(`#leaderboard tr[data-driver="${movingCar}"] .tla`);
      await expect
        .poll(() => page.textContent('#telemetry-readout .who'), { timeout: WAIT_MS })
        .toContain(tla!);
      await expect
        .poll(
          () =>
            page.evaluate<number>(`window.slipstream.model.traces.get(${Number(movingCar)})?.length ?? 0`),
          { timeout: WAIT_MS },
        )
        .toBeGreaterThan(10);
    },
    TEST_MS,
  );

  it(
    'picks a car from the keyboard too: Enter on a focused row',
    async () => {
      const target = await page.evaluate<number>(
        `[...document.querySelectorAll('#leaderboard tbody tr')]
          .map((tr) => Number(tr.dataset.driver))
          .find((car) => car !== window.slipstream.selected)`,
      );
      // A row moved in the instant between focus and key press loses focus: focus it again and press.
      await expect
        .poll(
          async () => {
            await page.evaluate(`document.querySelector('#leaderboard tr[data-driver="${target}"]').focus()`);
            await page.keyboard.press('Enter');
            return page.evaluate<number | null>('window.slipstream.selected');
          },
          { timeout: WAIT_MS },
        )
        .toBe(target);
    },
    TEST_MS,
  );

  it(
    'saves a screenshot as a test artifact, and the page raised no errors',
    async () => {
      // Let the outline of the circuit close and a few laps arrive before the picture.
      await page.waitForTimeout(4_000);
      // The picture shows the traces of whichever car is fastest now (the one picked before may be in its garage).
      const fastest = await page.evaluate<number | undefined>(
        '[...window.slipstream.model.traces].map(([car, trace]) => [car, trace.at(-1)?.speed ?? 0]).sort((a, b) => b[1] - a[1])[0]?.[0]',
      );
      if (fastest !== undefined) await clickRow(fastest);
      await page.waitForTimeout(500);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard.png') });
      expect(pageErrors).toEqual([]);
    },
    TEST_MS,
  );
});
