import { type HistoricalEvent } from '@slipstream/contracts';

import { type MappingContext } from '../historical-facts';
import { type SourceFields } from '../source-fields';
import { type ErgastReference } from './ergast-reference-index';

export interface ErgastMappingContext extends MappingContext {
  reference: ErgastReference;
}

export type ErgastRowMapper = (fields: SourceFields, context: ErgastMappingContext) => HistoricalEvent[];
