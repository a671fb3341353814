import { Module } from '@nestjs/common';

import { LivetimingConsumer } from './livetiming.consumer';

@Module({ providers: [LivetimingConsumer] })
export class LivetimingNormalizationModule {}
