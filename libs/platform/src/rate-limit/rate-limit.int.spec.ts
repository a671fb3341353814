import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { serviceConfigSchema } from '../config/env-schemas';
import { PlatformModule } from '../platform.module';
import { createService } from '../run-service';

@Controller('v1/ping')
class PingController {
  @Get()
  ping(): { pong: true } {
    return { pong: true };
  }
}

const configSchema = serviceConfigSchema({}, 0);

@Module({})
class PingApp {
  static forRoot(config: ReturnType<typeof configSchema.parse>) {
    return {
      module: PingApp,
      imports: [PlatformModule.forRoot({ serviceName: 'rate-limit-test', config })],
      controllers: [PingController],
    };
  }
}

const BURST = 20;
const PER_SECOND = 2;
/** The flood: bounded in count and concurrency, on loopback only. */
const FLOOD_REQUESTS = 400;
const FLOOD_CONCURRENCY = 20;

describe('HTTP rate limit under load (a real service on loopback)', () => {
  let nats: RunningNatsServer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    ({ app } = await createService(
      { name: 'rate-limit-test', configSchema, rootModule: (config) => PingApp.forRoot(config) },
      {
        NATS_URL: nats.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_BURST: String(BURST),
        RATE_LIMIT_PER_SECOND: String(PER_SECOND),
      },
    ));
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
  });

  it('serves a full burst with the RateLimit headers counting down', async () => {
    const responses = [];
    for (let i = 0; i < BURST; i++) responses.push(await fetch(`${url}/v1/ping`));
    expect(responses.map((r) => r.status)).toEqual(Array(BURST).fill(200));
    expect(responses[0].headers.get('ratelimit-limit')).toBe(String(BURST));
    expect(responses[0].headers.get('ratelimit-remaining')).toBe(String(BURST - 1));
    expect(responses[0].headers.get('ratelimit-policy')).toBe(`${BURST};w=${BURST / PER_SECOND}`);
    const remaining = responses.map((r) => Number(r.headers.get('ratelimit-remaining')));
    expect(remaining.at(-1)).toBeLessThan(remaining[0]);
    expect(responses.every((r) => r.headers.get('retry-after') === null)).toBe(true);
  });

  it('answers a flood with 429s beyond the budget while health and metrics stay up, then allows again', async () => {
    const statuses: number[] = [];
    const refusals: Response[] = [];
    const bodies: unknown[] = [];
    const probes: number[] = [];
    const started = Date.now();
    let sent = 0;
    let flooding = true;
    const worker = async () => {
      while (sent < FLOOD_REQUESTS) {
        sent++;
        const response = await fetch(`${url}/v1/ping?n=${sent}`);
        statuses.push(response.status);
        if (response.status === 429) {
          refusals.push(response);
          bodies.push(await response.json());
        } else await response.arrayBuffer();
      }
    };
    const prober = async () => {
      while (flooding) {
        for (const path of ['/health/live', '/health/ready', '/metrics']) {
          const response = await fetch(`${url}${path}`);
          probes.push(response.status);
          await response.arrayBuffer();
        }
      }
    };
    const probing = prober();
    await Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, worker));
    flooding = false;
    await probing;
    const elapsedSeconds = (Date.now() - started) / 1000;

    const allowed = statuses.filter((status) => status === 200).length;
    expect(statuses).toHaveLength(FLOOD_REQUESTS);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    // The burst was spent by the previous test: only the refill (plus one token of rounding) gets through.
    expect(allowed).toBeLessThanOrEqual(Math.ceil(PER_SECOND * elapsedSeconds) + 1);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals.slice(0, 20)) {
      expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refusal.headers.get('ratelimit-remaining')).toBe('0');
      expect(refusal.headers.get('ratelimit-limit')).toBe(String(BURST));
    }
    expect(bodies[0]).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((status) => status === 200)).toBe(true);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`slipstream_http_rate_limited_total ${refusals.length}\\b`));

    const wait = Number(refusals.at(-1)!.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    const after = await fetch(`${url}/v1/ping`);
    expect(after.status).toBe(200);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });
});
