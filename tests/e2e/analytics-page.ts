import { resolve } from 'node:path';

import { type Page } from 'playwright-core';

/** A row of the query APIs' JSON. */
export type Row = Record<string, unknown>;

/** Every row of a history route, following `next`. */
export async function history(url: string, route: string, params: Record<string, unknown>): Promise<Row[]> {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  );
  let path: string | null = `/v1/history/${route}?${search}&limit=1000`;
  const rows: Row[] = [];
  while (path) {
    const page = (await (await fetch(`${url}${path}`)).json()) as { data: Row[]; next: string | null };
    rows.push(...page.data);
    path = page.next;
  }
  return rows;
}

export async function openf1(url: string, endpoint: string, sessionKey: number, more = ''): Promise<Row[]> {
  const response = await fetch(`${url}/v1/${endpoint}?session_key=${sessionKey}${more}`);
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Row[];
}

export interface PlottedChart {
  // Data items are numbers, pairs or tuples depending on the chart type; each test knows which.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  series: Array<{ id: string; data: any[] }>;
  xAxis: unknown[];
  /** The rows the page keeps for the chart's CSV export. */
  rows: Row[];
}

/**
 * What a chart plots, read from the ECharts instance on the page (`getOption()`), not from its
 * picture: each series' data (an item's `value` where the page gave objects) and category axes.
 */
export function chartSeries(page: Page, id: string): Promise<PlottedChart> {
  return page.evaluate(`(() => {
    const instance = echarts.getInstanceByDom(document.querySelector('#${id} .chart'));
    if (!instance) throw new Error('no chart in #${id}');
    const option = instance.getOption();
    const plain = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) && 'value' in d ? d.value : d);
    return {
      series: option.series.map((s) => ({ id: s.id, data: s.data.map(plain) })),
      xAxis: option.xAxis.map((a) => a.data ?? null),
      rows: window.analyticsRows?.['${id}'] ?? [],
    };
  })()`);
}

const AXE = resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page as it stands (WCAG 2 A and AA rules). */
export async function axeSeriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<
    Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
  >(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
