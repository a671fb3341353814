import { type TeamRadioCapturedEvent } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

/** One row per team radio clip, keyed by its index in the feed's list. */
export const teamRadioProjector: ProjectorRegistration = {
  name: 'session_team_radio',
  eventTypes: ['TeamRadioCaptured'],
  project: (event) => {
    const { data } = event as TeamRadioCapturedEvent;
    return [
      {
        table: 'session_team_radio',
        row: {
          session_key: data.sessionKey,
          capture_index: data.captureIndex,
          driver_number: data.driverNumber,
          date: data.capturedAt,
          path: data.path,
          _version: versionOf(event),
        },
      },
    ];
  },
};
