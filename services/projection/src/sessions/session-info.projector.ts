import { type SessionEventOfType } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

type InfoRecorded = SessionEventOfType<'SessionInfoRecorded'>;
type StatusChanged = SessionEventOfType<'SessionStatusChanged'>;
type DriverRegistered = SessionEventOfType<'SessionDriverRegistered'>;

/** Sessions and meetings (`session_info`) and the session's status history. */
export const sessionInfoProjector: ProjectorRegistration = {
  name: 'session_info',
  eventTypes: ['SessionInfoRecorded', 'SessionStatusChanged'],
  project: (event) => {
    if (event.type === 'SessionStatusChanged') {
      const { data } = event as StatusChanged;
      return [
        {
          table: 'session_status_changes',
          row: {
            session_key: data.sessionKey,
            date: event.occurredAt,
            event_id: event.id,
            status: data.status,
            previous_status: data.previousStatus,
            session_part: data.sessionPart,
            session_time_ms: data.sessionTimeMs,
            _version: versionOf(event),
          },
        },
      ];
    }
    const { data } = event as InfoRecorded;
    return [
      {
        table: 'session_info',
        row: {
          session_key: data.sessionKey,
          meeting_key: data.meetingKey,
          meeting_name: data.meetingName,
          meeting_official_name: data.meetingOfficialName,
          location: data.location,
          country_code: data.countryCode,
          country_name: data.countryName,
          country_key: data.countryKey,
          circuit_key: data.circuitKey,
          circuit_short_name: data.circuitShortName,
          session_type: data.sessionType,
          session_name: data.sessionName,
          date_start: data.scheduledStartUtc,
          date_end: data.scheduledEndUtc,
          gmt_offset: data.gmtOffset,
          archive_path: data.archivePath,
          _version: versionOf(event),
        },
      },
    ];
  },
};

export const sessionDriversProjector: ProjectorRegistration = {
  name: 'session_drivers',
  eventTypes: ['SessionDriverRegistered'],
  project: (event) => {
    const { data } = event as DriverRegistered;
    return [
      {
        table: 'session_drivers',
        row: {
          session_key: data.sessionKey,
          driver_number: data.driverNumber,
          broadcast_name: data.broadcastName,
          full_name: data.fullName,
          first_name: data.firstName,
          last_name: data.lastName,
          name_acronym: data.nameAcronym,
          team_name: data.teamName,
          team_colour: data.teamColour,
          headshot_url: data.headshotUrl,
          reference: data.reference,
          _version: versionOf(event),
        },
      },
    ];
  },
};
