import { type Migration } from '@slipstream/clickhouse';

import { type ProjectorRegistration } from './projector';

/** What a feature folder registers: the tables it owns and the projectors of domain events that fill them. */
export interface ReadModel {
  migrations: Migration[];
  projectors: ProjectorRegistration[];
}
