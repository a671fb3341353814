import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import { CLICKHOUSE } from '@slipstream/clickhouse';
import { APP_CONFIG } from '@slipstream/platform';

import { ProjectionModule } from '../projection.module';
import { allProjectors } from '../projectors';
import { PROJECTORS } from './projectors.token';

/** What the platform gives the projection's modules, without a connection behind it. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useValue: {} },
    { provide: CLICKHOUSE, useValue: { client: {}, close: async () => {} } },
  ],
  exports: [APP_CONFIG, CLICKHOUSE],
})
class UnconnectedPlatformModule {}

describe('read models registered by the feature modules', () => {
  it('are the ones whose tables are migrated and whose projectors the rebuild runs', async () => {
    const app = await Test.createTestingModule({
      imports: [UnconnectedPlatformModule, ProjectionModule],
    }).compile();

    expect(new Set(app.get(PROJECTORS))).toEqual(new Set(allProjectors));
    expect(app.get(PROJECTORS)).toHaveLength(allProjectors.length);
  });
});
