import { type ReadModel } from '../core/read-model';
import { telemetryMigrations } from '../telemetry/telemetry.migrations';
import { classificationProjector } from './classification.projector';
import { lapSegmentsMigrations } from './lap-segments.migrations';
import { lapsProjector } from './laps.projector';
import { raceControlProjector } from './race-control.projector';
import { sessionCountryMigrations } from './session-country.migrations';
import { sessionDriversProjector, sessionInfoProjector } from './session-info.projector';
import { sessionSupplementMigrations } from './session-supplements.migrations';
import { sessionSupplementsProjector } from './session-supplements.projector';
import { sessionMigrations } from './sessions.migrations';
import { teamRadioMigrations } from './team-radio.migrations';
import { teamRadioProjector } from './team-radio.projector';
import { runningOrderProjector, stintsAndPitStopsProjector } from './timing.projector';

/**
 * The session read models: their tables (telemetry's included; the telemetry consumer fills those)
 * and the projectors of session events.
 */
export const sessionReadModels: ReadModel = {
  migrations: [
    ...sessionMigrations,
    ...teamRadioMigrations,
    ...lapSegmentsMigrations,
    ...sessionCountryMigrations,
    ...sessionSupplementMigrations,
    ...telemetryMigrations,
  ],
  projectors: [
    sessionInfoProjector,
    sessionDriversProjector,
    lapsProjector,
    runningOrderProjector,
    stintsAndPitStopsProjector,
    raceControlProjector,
    classificationProjector,
    teamRadioProjector,
    sessionSupplementsProjector,
  ],
};
