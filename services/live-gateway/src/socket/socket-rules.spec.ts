import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { classifyBacklog } from './backpressure';
import { invalidRequest } from './client-errors';
import { sameSecret } from './socket-servers.service';

describe('connection rules', () => {
  it('drops droppable frames for a lagging socket and closes a hopeless one', () => {
    expect(classifyBacklog(3, 4)).toBe('ok');
    expect(classifyBacklog(4, 4)).toBe('lagging');
    expect(classifyBacklog(32, 4)).toBe('hopeless');
  });

  it('names each bad field of a request', () => {
    const result = z.object({ a: z.number(), b: z.array(z.string()) }).safeParse({ a: 'x', b: [1] });
    const reply = invalidRequest(result.error!);
    expect(reply.error.issues?.map((issue) => issue.path)).toEqual(['a', 'b.0']);
    expect(reply.error.message).toMatch(/^a: .+; b\.0: /);
  });

  it('compares tokens without leaking their length through an exception', () => {
    expect(sameSecret('a-token-of-16-chars', 'a-token-of-16-chars')).toBe(true);
    expect(sameSecret('a-token-of-16-chars', 'short')).toBe(false);
  });
});
