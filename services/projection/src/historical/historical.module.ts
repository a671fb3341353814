import { Module } from '@nestjs/common';

import { registerReadModel } from '../events/read-model.registration';
import { historicalReadModels } from './historical.read-models';

/** The historical read models: seasons to standings, projected from the historical events. */
@Module({ providers: [registerReadModel('historical', historicalReadModels)] })
export class HistoricalReadModelsModule {}
