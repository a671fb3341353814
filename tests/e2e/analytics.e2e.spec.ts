import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { axeSeriousViolations, chartSeries, history, openf1 } from './analytics-page';
import { type AnalyticsStack, MEXICO_QUALIFYING, MIAMI_SPRINT, startAnalyticsStack } from './analytics-stack';

/** Debian's chromium; playwright-core never downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
/** Bounds that only catch a stuck pipeline or page, on a machine busy with other work. */
const WAIT_MS = 150_000;
const TEST_MS = 2 * WAIT_MS;

describe('the analytics pages in a browser, over the bundled history and sessions', () => {
  let stack: AnalyticsStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startAnalyticsStack(WAIT_MS);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 8 * WAIT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, WAIT_MS);

  it('hands every message to each stage once: loading history and a whole session at full speed redelivers nothing', () => {
    // A consumer that loses messages it was sent (a fetch giving up on missed heartbeats while a
    // large insert holds the event loop, a batch waiting for a message that never comes) gets them
    // again only after ack_wait: 30 s stalls, seen as redeliveries.
    expect(stack.redelivered).toEqual({
      'normalization-livetiming': 0,
      'normalization-ergast': 0,
      'normalization-standings': 0,
      'projection-events': 0,
      'projection-telemetry': 0,
    });
  });

  /** Opens a page and waits until it says it has drawn (or why it could not). */
  const open = async (path: string) => {
    await page.goto(`${stack.url}${path}`, { timeout: WAIT_MS });
    await page.waitForFunction(`document.body.dataset.state !== 'loading'`, null, { timeout: WAIT_MS });
    const status = await page.textContent('#status');
    expect(await page.getAttribute('body', 'data-state'), `${path}: ${status}`).toBe('ready');
  };

  it(
    'season: the progression plots standings-progression; the table, wins/podiums/poles and the URL state',
    async () => {
      await open('/analytics');
      expect(await page.getAttribute('a[href="/analytics/season?season=2025"]', 'href')).toBeTruthy();
      expect(
        await page.$$eval(
          `a[href="/analytics/race?session_key=${MIAMI_SPRINT.sessionKey}"]`,
          (a) => a.length,
        ),
      ).toBe(1);

      await open('/analytics/season?season=2025&championship=drivers&theme=dark');
      const progression = await history(stack.url, 'standings-progression', {
        season: 2025,
        championship: 'drivers',
      });
      const rounds = [...new Set(progression.map((row) => row.round as number))].sort((a, b) => a - b);
      expect(rounds.length).toBe(18);
      const { series, xAxis } = await chartSeries(page, 'progression');
      expect(xAxis[0]).toEqual(rounds);
      const expected = new Map<string, typeof progression>();
      for (const row of progression)
        expected.set(row.entrant_ref as string, [...(expected.get(row.entrant_ref as string) ?? []), row]);
      expect(new Set(series.map((s) => s.id))).toEqual(new Set(expected.keys()));
      for (const s of series)
        expect(s.data, `progression of ${s.id}`).toEqual(
          rounds.map((round) => expected.get(s.id)!.find((row) => row.round === round)?.points ?? null),
        );

      // The table after the last round: the published points, calculated ones beside them, and
      // exactly the rows whose two tables differ marked.
      const [official, calculated] = await Promise.all(
        ['official', 'calculated'].map((source) =>
          history(stack.url, 'driver-standings', { season: 2025, round: 18, source }),
        ),
      );
      const table = await page.evaluate<Array<{ ref: string; points: string; differs: boolean }>>(
        `[...document.querySelectorAll('#standings tbody tr')].map((tr) => ({
          ref: tr.dataset.entrant, points: tr.children[2].textContent.trim(), differs: tr.classList.contains('differs') }))`,
      );
      expect(table.map((row) => [row.ref, row.points])).toEqual(
        official.map((row) => [row.driver_ref, String(row.points)]),
      );
      const calculatedPoints = new Map(calculated.map((row) => [row.driver_ref, row.points]));
      for (const row of table)
        expect(row.differs, row.ref).toBe(
          calculated.length > 0 &&
            calculatedPoints.get(row.ref) !== official.find((o) => o.driver_ref === row.ref)!.points,
        );

      const performance = await history(stack.url, 'driver-season-performance', { season: 2025 });
      const achievements = await chartSeries(page, 'achievements');
      const shownDrivers = achievements.rows.map((row) => row.driver_ref);
      for (const measure of ['wins', 'podiums', 'poles'])
        expect(achievements.series.find((s) => s.id === measure)!.data).toEqual(
          shownDrivers.map((ref) => performance.find((row) => row.driver_ref === ref)![measure]),
        );
      expect(shownDrivers).toContain('piastri');

      await page.screenshot({ path: `${ARTIFACTS}/analytics-season.png`, fullPage: true });
      expect(await axeSeriousViolations(page)).toEqual([]);

      // The state is in the URL: a change writes it, and the link reproduces the view.
      // Changed from the keyboard, as a person without a mouse would.
      await page.selectOption('#season', '2020');
      await page.waitForFunction(`document.body.dataset.state === 'ready'`, null, { timeout: WAIT_MS });
      await page.focus('input[name="championship"][value="drivers"]');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(`location.search.includes('championship=constructors')`);
      await page.reload();
      await page.waitForFunction(`document.body.dataset.state === 'ready'`, null, { timeout: WAIT_MS });
      expect(await page.textContent('#page-title')).toBe('2020 season');
      expect(await page.textContent('#adjustments')).toContain('Racing Point');
    },
    TEST_MS,
  );

  it(
    'race: lap times, positions, strategy and provisional against official equal the OpenF1-style API',
    async () => {
      const key = MIAMI_SPRINT.sessionKey;
      await open(`/analytics/race?session_key=${key}&drivers=all&theme=light`);
      const [laps, stints, positions, result] = await Promise.all(
        ['laps', 'stints', 'position', 'session_result'].map((e) => openf1(stack.url, e, key)),
      );
      const lapTimes = await chartSeries(page, 'lap-times');
      expect(lapTimes.series.length).toBe(result.length);
      for (const s of lapTimes.series)
        expect(s.data, `lap times of car ${s.id}`).toEqual(
          laps
            .filter((lap) => String(lap.driver_number) === s.id && typeof lap.lap_duration === 'number')
            .map((lap) => [lap.lap_number, lap.lap_duration]),
        );

      const order = result.map((row) => row.driver_number);
      const strategy = await chartSeries(page, 'strategy');
      expect(strategy.series[0].data).toEqual(
        stints
          .filter((s) => order.includes(s.driver_number))
          .map((s) => [order.indexOf(s.driver_number), s.lap_start, s.lap_end, s.compound]),
      );

      // Position as each lap ended: the last change at or before the lap's start plus its duration.
      const positionChart = await chartSeries(page, 'positions');
      for (const s of positionChart.series) {
        const changes = positions
          .filter((p) => String(p.driver_number) === s.id)
          .sort((a, b) => Date.parse(a.date as string) - Date.parse(b.date as string));
        const expected = laps
          .filter(
            (lap) =>
              String(lap.driver_number) === s.id && lap.date_start && typeof lap.lap_duration === 'number',
          )
          .map((lap) => {
            const end = Date.parse(lap.date_start as string) + (lap.lap_duration as number) * 1000;
            return [
              lap.lap_number,
              changes.filter((p) => Date.parse(p.date as string) <= end).at(-1)?.position,
            ];
          })
          .filter(([, position]) => position !== undefined);
        expect(s.data, `positions of car ${s.id}`).toEqual(expected);
      }

      // The stewards moved cars 23, 30 and 87 back after the sprint (docs/openf1-compatibility.md).
      const movers = await chartSeries(page, 'result');
      const gained = new Map(
        result.filter((row) => row.places_gained).map((row) => [row.driver_number, row.places_gained]),
      );
      expect(movers.rows.map((row) => [row.driver_number, row.places_gained])).toEqual([...gained.entries()]);
      expect(movers.series[0].data).toEqual([...gained.values()]);
      expect(gained.get(23)).toBe(-7);
      const tableRows = await page.$$eval('#result-table tbody tr', (rows) => rows.length);
      expect(tableRows).toBe(result.length);

      await page.screenshot({ path: `${ARTIFACTS}/analytics-race.png`, fullPage: true });
      await page.screenshot({ path: `${ARTIFACTS}/analytics-race-top.png` });
      expect(await axeSeriousViolations(page)).toEqual([]);

      // Every chart exports what it plots: the CSV has a row per plotted lap.
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#lap-times [data-export="csv"]'),
      ]);
      const text = await (await csv.createReadStream())
        .toArray()
        .then((chunks) => Buffer.concat(chunks).toString());
      expect(text.trim().split('\r\n').length - 1).toBe(
        lapTimes.series.reduce((n, s) => n + s.data.length, 0),
      );
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#strategy [data-export="png"]'),
      ]);
      const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');

      // The other theme, from its button; the choice is in the URL, and it passes axe too.
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      await page.click('#theme-toggle');
      await page.waitForFunction(
        `document.body.dataset.state === 'ready' && location.search.includes('theme=dark')`,
      );
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      expect(await axeSeriousViolations(page)).toEqual([]);

      // A phone: one column, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(`document.documentElement.scrollWidth <= 391`, null, { timeout: WAIT_MS });
      await page.screenshot({ path: `${ARTIFACTS}/analytics-race-phone.png` });
      await page.setViewportSize({ width: 1400, height: 900 });
    },
    TEST_MS,
  );

  it(
    'two laps: speed, throttle, brake and gear of the two fastest laps equal /v1/car_data, against distance',
    async () => {
      const key = MEXICO_QUALIFYING.sessionKey;
      await open(`/analytics/laps?session_key=${key}`);
      const laps = await openf1(stack.url, 'laps', key);
      const speed = await chartSeries(page, 'speed');
      expect(speed.series.length).toBe(2);
      for (const s of speed.series) {
        const fastest = laps
          .filter(
            (l) => String(l.driver_number) === s.id && typeof l.lap_duration === 'number' && !l.is_deleted,
          )
          .sort((a, b) => (a.lap_duration as number) - (b.lap_duration as number))[0];
        const start = Date.parse(fastest.date_start as string);
        const end = new Date(start + (fastest.lap_duration as number) * 1000).toISOString();
        const carData = await openf1(
          stack.url,
          'car_data',
          key,
          `&driver_number=${s.id}&date>=${new Date(start).toISOString()}&date<=${end}`,
        );
        expect(carData.length).toBeGreaterThan(100);
        expect(s.data.map(([, value]) => value)).toEqual(carData.map((row) => row.speed));
        const distances = s.data.map(([distance]) => distance as number);
        expect(distances.every((d, i) => i === 0 || d >= distances[i - 1])).toBe(true);
        // Autódromo Hermanos Rodríguez is 4.304 km; the positions give the lap's length within a few %.
        expect(distances.at(-1)).toBeGreaterThan(4_000);
        expect(distances.at(-1)).toBeLessThan(4_500);
      }
      for (const id of ['throttle', 'brake', 'gear', 'track-map'])
        expect((await chartSeries(page, id)).series[0].data.length, id).toBeGreaterThan(100);
      await page.screenshot({ path: `${ARTIFACTS}/analytics-laps.png`, fullPage: true });
      expect(await axeSeriousViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TEST_MS,
  );
});
