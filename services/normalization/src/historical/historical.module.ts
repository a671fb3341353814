import { Module } from '@nestjs/common';

import { ErgastConsumer } from './ergast.consumer';
import { JolpicaConsumer } from './jolpica.consumer';
import { StandingsConsumer } from './standings.consumer';

@Module({ providers: [ErgastConsumer, JolpicaConsumer, StandingsConsumer] })
export class HistoricalNormalizationModule {}
