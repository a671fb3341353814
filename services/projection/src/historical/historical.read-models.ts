import { type Migration } from '@slipstream/clickhouse';

import { type ProjectorRegistration } from '../core/projector';
import { historicalDimensionsMigration } from './historical-dimensions.migrations';
import { historicalDimensionsProjector } from './historical-dimensions.projector';
import { historicalFactsMigration } from './historical-facts.migrations';
import { historicalLabelsMigration } from './historical-labels.migrations';
import { historicalMartsMigration } from './historical-marts.migrations';
import { historicalRaceFactsProjector } from './historical-race-facts.projector';
import { historicalStandingsMigration } from './historical-standings.migrations';
import { historicalStandingsProjector } from './historical-standings.projector';

/** Versions 100–199 belong to the historical read models. */
export const historicalMigrations: Migration[] = [
  historicalDimensionsMigration,
  historicalFactsMigration,
  historicalStandingsMigration,
  historicalMartsMigration,
  historicalLabelsMigration,
];

export const historicalProjectors: ProjectorRegistration[] = [
  historicalDimensionsProjector,
  historicalRaceFactsProjector,
  historicalStandingsProjector,
];

/** The historical read models: seasons to standings, and the marts over them. */
export const historicalReadModels: { migrations: Migration[]; projectors: ProjectorRegistration[] } = {
  migrations: historicalMigrations,
  projectors: historicalProjectors,
};
