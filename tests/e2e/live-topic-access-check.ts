import { resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { eventually } from '@slipstream/testing';

import { startGateway } from '../../services/live-gateway/src/testing/gateway-app';
import { LiveClient } from '../../services/live-gateway/src/testing/live-client';

/*
 * The live feed's end of a live ingest's topic access: what a Socket.io subscriber's snapshot says
 * about the session's unavailable topics, and what the dashboard shows of it in Chromium.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

export interface FeedAccessView {
  /** The subscribe reply's `snapshot.session.unavailableTopics`. */
  unavailableTopics: Array<{ topic: string; reason: string }>;
  /** The dashboard's notice as shown, or null when hidden. */
  notice: string | null;
  /** axe-core's serious and critical findings on the notice (WCAG 2 A and AA). */
  noticeViolations: string[];
}

/** Boots a live gateway on the stack's NATS, subscribes to the session, then opens its dashboard. */
export async function feedAccessView(
  natsUrl: string,
  sessionKey: number,
  timeoutMs: number,
): Promise<FeedAccessView> {
  const gateway = await startGateway(natsUrl);
  const client = new LiveClient(gateway.url);
  try {
    await client.connected();
    let unavailableTopics: FeedAccessView['unavailableTopics'] = [];
    // The gateway reads the streams at start: subscribe again until its state has the session.
    await eventually(
      async () => {
        const reply = await client.subscribe({ sessionKey, topics: ['timing'] });
        unavailableTopics = reply.snapshot?.session?.unavailableTopics ?? [];
        return reply.ok === true && reply.snapshot.session.info !== null && unavailableTopics.length > 0;
      },
      timeoutMs,
      'a snapshot naming the unavailable topics',
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${gateway.url}/?session=${sessionKey}`, { timeout: timeoutMs });
      await page.waitForSelector('#feed-notice:not([hidden])', { timeout: timeoutMs });
      const notice = await page.textContent('#feed-notice');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate<Array<{ id: string; impact: string }>>(
        `axe.run({ include: [['#feed-notice']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
          .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))`,
      );
      const noticeViolations = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact})`);
      return { unavailableTopics, notice, noticeViolations };
    } finally {
      await browser.close();
    }
  } finally {
    client.close();
    await gateway.close();
  }
}
