import {
  contentHash,
  SessionDriverRegistered,
  SessionInfoRecorded,
  SessionStatusChanged,
  TrackState,
  TrackStatusChanged,
  WeatherRecorded,
} from '@slipstream/contracts';

import { parseF1Utc, sessionDescriptorOf, toIsoUtc } from '../formats';
import { draft, EventDraft } from './event-draft';
import {
  asRecord,
  driverNumberOf,
  FeedRecord,
  parseDecimal,
  parseFeedBoolean,
  parseInteger,
  textOrNull,
} from './feed-values';

/** The session-wide topics that change rarely: each event is emitted when what it says changes. */
export class SessionTopics {
  private infoSignature: string | undefined;
  private status: string | undefined;
  private statusChanges = 0;
  private trackCode: string | undefined;
  private trackChanges = 0;
  private weatherReadings = 0;
  private readonly driverSignatures = new Map<number, string>();

  sessionInfo(sessionKey: number, info: FeedRecord, atMs: number | undefined): EventDraft[] {
    const meeting = asRecord(info.Meeting) ?? {};
    const country = asRecord(meeting.Country) ?? {};
    const circuit = asRecord(meeting.Circuit) ?? {};
    const meetingKey = parseInteger(meeting.Key);
    if (meetingKey === null) return [];
    const data = {
      sessionKey,
      meetingKey,
      meetingName: String(meeting.Name ?? ''),
      meetingOfficialName: textOrNull(meeting.OfficialName),
      location: textOrNull(meeting.Location),
      countryCode: textOrNull(country.Code),
      countryName: textOrNull(country.Name),
      countryKey: parseInteger(country.Key),
      circuitKey: parseInteger(circuit.Key),
      circuitShortName: textOrNull(circuit.ShortName),
      sessionType: String(info.Type ?? ''),
      sessionName: String(info.Name ?? ''),
      ...scheduledUtc(info),
      gmtOffset: textOrNull(info.GmtOffset),
      archivePath: textOrNull(info.Path),
    };
    const signature = contentHash(data);
    if (signature === this.infoSignature) return [];
    this.infoSignature = signature;
    return [draft(SessionInfoRecorded, [signature], atMs, data)];
  }

  sessionStatus(
    sessionKey: number,
    status: unknown,
    sessionPart: number | null,
    atMs: number | undefined,
    sessionTimeMs: number | null,
  ): EventDraft[] {
    if (typeof status !== 'string' || status === '' || status === this.status) return [];
    const previousStatus = this.status ?? null;
    this.status = status;
    this.statusChanges += 1;
    const data = { sessionKey, status, previousStatus, sessionPart, sessionTimeMs };
    return [draft(SessionStatusChanged, [this.statusChanges], atMs, data)];
  }

  trackStatus(sessionKey: number, track: FeedRecord, atMs: number | undefined): EventDraft[] {
    const code = textOrNull(track.Status);
    if (code === null || code === this.trackCode) return [];
    const previousCode = this.trackCode ?? null;
    this.trackCode = code;
    this.trackChanges += 1;
    const data = {
      sessionKey,
      code,
      state: trackStateOf(code),
      message: String(track.Message ?? ''),
      previousCode,
    };
    return [draft(TrackStatusChanged, [this.trackChanges], atMs, data)];
  }

  /** Every WeatherData message is a full reading (about one a minute). */
  weather(sessionKey: number, reading: FeedRecord, atMs: number | undefined): EventDraft[] {
    this.weatherReadings += 1;
    const data = {
      sessionKey,
      airTemperatureC: parseDecimal(reading.AirTemp),
      trackTemperatureC: parseDecimal(reading.TrackTemp),
      humidityPercent: parseDecimal(reading.Humidity),
      pressureMbar: parseDecimal(reading.Pressure),
      rainfall: parseFeedBoolean(reading.Rainfall),
      windDirectionDeg: parseDecimal(reading.WindDirection),
      windSpeedMps: parseDecimal(reading.WindSpeed),
    };
    return [draft(WeatherRecorded, [this.weatherReadings], atMs, data)];
  }

  /** Identity changes only: DriverList also streams the tower order (`Line`), which is not news here. */
  driverList(
    sessionKey: number,
    list: FeedRecord,
    patch: FeedRecord,
    atMs: number | undefined,
  ): EventDraft[] {
    const drafts: EventDraft[] = [];
    for (const key of Object.keys(patch)) {
      const driverNumber = driverNumberOf(key);
      const entry = asRecord(list[key]);
      if (driverNumber === null || !entry) continue;
      const data = {
        sessionKey,
        driverNumber,
        broadcastName: textOrNull(entry.BroadcastName),
        fullName: textOrNull(entry.FullName),
        firstName: textOrNull(entry.FirstName),
        lastName: textOrNull(entry.LastName),
        nameAcronym: textOrNull(entry.Tla),
        teamName: textOrNull(entry.TeamName),
        teamColour: textOrNull(entry.TeamColour),
        headshotUrl: textOrNull(entry.HeadshotUrl),
        reference: textOrNull(entry.Reference),
      };
      const signature = contentHash(data);
      if (signature === this.driverSignatures.get(driverNumber)) continue;
      this.driverSignatures.set(driverNumber, signature);
      drafts.push(draft(SessionDriverRegistered, [driverNumber, signature], atMs, data));
    }
    return drafts;
  }
}

const TRACK_STATES: Record<string, TrackState> = {
  '1': 'all_clear',
  '2': 'yellow',
  '4': 'safety_car',
  '5': 'red',
  '6': 'virtual_safety_car',
  '7': 'virtual_safety_car_ending',
};

function trackStateOf(code: string): TrackState {
  return TRACK_STATES[code] ?? 'unknown';
}

/** StartDate/EndDate are circuit-local; the descriptor turns the start into UTC, the end keeps its distance. */
function scheduledUtc(info: FeedRecord): {
  scheduledStartUtc: string | null;
  scheduledEndUtc: string | null;
} {
  let startUtc: string | undefined;
  try {
    startUtc = sessionDescriptorOf(info).startUtc;
  } catch {
    startUtc = undefined;
  }
  const startMs = parseF1Utc(startUtc);
  const localStart = parseF1Utc(info.StartDate);
  const localEnd = parseF1Utc(info.EndDate);
  if (startMs === undefined) return { scheduledStartUtc: null, scheduledEndUtc: null };
  const endMs =
    localStart !== undefined && localEnd !== undefined ? startMs + (localEnd - localStart) : undefined;
  return {
    scheduledStartUtc: toIsoUtc(startMs),
    scheduledEndUtc: endMs === undefined ? null : toIsoUtc(endMs),
  };
}
