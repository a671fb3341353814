import { describe, expect, it } from 'vitest';

import { QueryGate, QueryQueueFullError } from './query-gate';

/** A query that finishes when the test says so. */
function held(): { work: () => Promise<string>; finish: (value: string) => void; started: () => boolean } {
  let finish: (value: string) => void = () => undefined;
  let started = false;
  const work = () => {
    started = true;
    return new Promise<string>((resolve) => (finish = resolve));
  };
  return { work, finish: (value) => finish(value), started: () => started };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('QueryGate', () => {
  it('runs at most `concurrency` queries at once, the rest in arrival order', async () => {
    const gate = new QueryGate(1, 10);
    const [a, b, c] = [held(), held(), held()];
    const results = [gate.run(a.work), gate.run(b.work), gate.run(c.work)];
    await settle();
    expect([a.started(), b.started(), c.started()]).toEqual([true, false, false]);
    a.finish('a');
    await settle();
    expect([b.started(), c.started()]).toEqual([true, false]);
    b.finish('b');
    await settle();
    c.finish('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('refuses beyond the queue, and frees the slot of a query that failed', async () => {
    const gate = new QueryGate(1, 1);
    const [a, b] = [held(), held()];
    const first = gate.run(a.work);
    const second = gate.run(b.work);
    await expect(gate.run(held().work)).rejects.toBeInstanceOf(QueryQueueFullError);
    a.finish('a');
    await first;
    await settle();
    b.finish('b');
    await second;
    await expect(gate.run(() => Promise.reject(new Error('refused by ClickHouse')))).rejects.toThrow(
      'refused',
    );
    expect(await gate.run(async () => 'after')).toBe('after');
  });
});
