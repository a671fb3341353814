/**
 * Mutation checks: each breaks the chart the way a careless edit would, in a copy, and expects the
 * chart checks to fail. A check that still passes a broken chart checks nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { chartCopy, helmLint, helmTemplate } from './helm';
import { validateStrict } from './k8s-validate';

/** A copy of the chart with `from` replaced by `to` in one template (which must contain it). */
function mutated(template: string, from: string, to: string): string {
  return chartCopy((dir) => {
    const file = join(dir, 'templates', template);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`${template} no longer contains ${JSON.stringify(from)}`);
    writeFileSync(file, text.replace(from, to));
  });
}

const renderAndValidate = (chart: string) => validateStrict(helmTemplate({ chart }).objects);

describe('chart mutations the checks must catch', () => {
  it('passes unmutated (so each failure below is the mutation’s)', () => {
    expect(() => renderAndValidate(chartCopy())).not.toThrow();
  });

  it('a misspelt probe field: periodSeconds → periodSecond', () => {
    const chart = mutated('_helpers.tpl', 'periodSeconds: 5', 'periodSecond: 5');
    expect(() => renderAndValidate(chart)).toThrow(/'"periodSecond"' does not exist in type 'IProbe'/);
  });

  it('a NetworkPolicy peer indented one level too shallow', () => {
    // matchLabels slides out of podSelector and becomes an (unknown) field of the peer itself.
    const chart = mutated(
      'networkpolicy.yaml',
      '        - podSelector:\n            matchLabels:\n              {{- include "slipstream.selectorLabels" $root | nindent 14 }}',
      '        - podSelector:\n          matchLabels:\n            {{- include "slipstream.selectorLabels" $root | nindent 12 }}',
    );
    // The now-empty podSelector is null (not a LabelSelector) and the peer has a field it does not know.
    expect(() => renderAndValidate(chart)).toThrow(
      /NetworkPolicy slipstream-ingestion: Type 'null' is not assignable to type 'ILabelSelector/,
    );
  });

  it('an egress ipBlock peer whose cidr slid out of it', () => {
    const chart = mutated(
      'networkpolicy.yaml',
      '        - ipBlock:\n            cidr: {{ $cidr }}',
      '        - ipBlock:\n          cidr: {{ $cidr }}',
    );
    expect(() => renderAndValidate(chart)).toThrow(
      /NetworkPolicy slipstream-ingestion: Type 'null' is not assignable to type 'IIPBlock/,
    );
  });

  it('a template syntax error fails helm template and helm lint --strict', () => {
    const chart = mutated(
      'networkpolicy.yaml',
      '{{- if eq $component "projection" }}',
      '{{- if eq $component "projection" }',
    );
    expect(() => helmTemplate({ chart })).toThrow(/parse error|unexpected/);
    expect(() => helmLint({ chart })).toThrow(/1 chart\(s\) failed/);
  });
});
