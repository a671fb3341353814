import {
  ClassificationUpdated,
  createEvent,
  deterministicId,
  isSessionSupplementEvent,
  SessionEvent,
  sessionEventSubject,
  SessionSupplementEvent,
  sessionSupplementSubject,
  TeamRadioCapturedEvent,
  teamRadioSubject,
} from '@slipstream/contracts';

import { toIsoUtc, TopicMessage } from '../formats';
import { assertValidPatch, SessionState } from '../state';
import { ChampionshipPrediction } from './championship-prediction';
import { ClassificationPhase, classify, phaseAfter } from './classification';
import { DerivationContext, DerivedOutput, draft, EventDraft } from './event-draft';
import { asRecord, FeedRecord } from './feed-values';
import { GridPositions } from './grid-positions';
import { isLiveTopicAccessNotice, LiveTopicAccess } from './live-topic-access';
import { PitStopSeries } from './pit-stop-series';
import { RaceControl } from './race-control';
import { SessionClock, streamTimeMs } from './session-clock';
import { SessionTopics } from './session-topics';
import { Stints } from './stints';
import { TeamRadio } from './team-radio';
import { TelemetryFramer } from './telemetry-frames';
import { sessionPartOf, TimingLines } from './timing-data';

/**
 * Normalization of one live-timing session: every message, in stream order, updates the merged
 * session state and yields the domain events and TELEMETRY batches it caused. Everything is a
 * function of the messages seen so far, so replaying a session into a fresh deriver yields the
 * same outputs with the same ids. One deriver per session.
 */
export class SessionEventDeriver {
  readonly state = new SessionState();
  readonly clock = new SessionClock();
  private readonly timing = new TimingLines(this.clock);
  private readonly topics = new SessionTopics();
  private readonly raceControl = new RaceControl();
  private readonly stints = new Stints();
  private readonly teamRadio = new TeamRadio();
  private readonly grid = new GridPositions();
  private readonly pitStopSeries = new PitStopSeries();
  private readonly championship = new ChampionshipPrediction();
  private readonly topicAccess = new LiveTopicAccess();
  private sessionKey: number | undefined;
  private telemetry: TelemetryFramer | undefined;
  private phase: ClassificationPhase = 'live';
  private classificationSignature: string | undefined;
  private classifications = 0;

  apply(message: TopicMessage, context: DerivationContext): DerivedOutput[] {
    const sessionKey = this.sessionKeyOf(context);
    // The ingest's own notice, not F1's feed: it neither patches the state nor moves the clock.
    if (isLiveTopicAccessNotice(message.topic))
      return this.outputs(this.topicAccess.notice(sessionKey, message.payload), context);
    // Before anything is merged: a patch that breaks its topic's shape throws and changes nothing.
    assertValidPatch(message.topic, message.payload);
    if (message.topic === 'CarData.z' || message.topic === 'Position.z')
      return this.telemetryFrame(message, context);
    const applied = this.state.apply(message.topic, message.payload);
    this.clock.observe(message, applied.first);
    const atMs = this.clock.utcMsOf(message);
    const streamMs = streamTimeMs(message);
    const drafts = streamMs === undefined ? [] : this.timing.settleDue(sessionKey, streamMs);
    const patch = asRecord(message.payload) ?? {};
    const state = applied.state;
    let reclassify = false;
    switch (message.topic) {
      case 'TimingData': {
        const timing = this.timing.onPatch(sessionKey, state, patch, {
          utcMs: atMs,
          streamMs,
          keyframe: applied.keyframe,
        });
        drafts.push(...timing.drafts);
        reclassify = timing.reclassify;
        break;
      }
      case 'TimingAppData':
        drafts.push(
          ...this.stints.onPatch(sessionKey, state, patch, this.timing.laps, atMs, applied.keyframe),
          ...this.grid.onPatch(sessionKey, state, patch, atMs),
        );
        break;
      case 'RaceControlMessages':
        drafts.push(...this.raceControl.messages(sessionKey, state, patch, this.timing.laps, atMs));
        break;
      case 'SessionStatus':
        drafts.push(...this.sessionStatus(sessionKey, state, atMs));
        reclassify = true;
        break;
      case 'SessionInfo':
        drafts.push(...this.topics.sessionInfo(sessionKey, state, atMs));
        break;
      case 'TrackStatus':
        drafts.push(...this.topics.trackStatus(sessionKey, state, atMs));
        break;
      case 'WeatherData':
        drafts.push(...this.topics.weather(sessionKey, state, atMs));
        break;
      case 'DriverList':
        drafts.push(...this.topics.driverList(sessionKey, state, patch, atMs));
        break;
      case 'TeamRadio':
        drafts.push(...this.teamRadio.captures(sessionKey, state, patch));
        break;
      case 'PitStopSeries':
        drafts.push(...this.pitStopSeries.onPatch(sessionKey, state, patch));
        break;
      case 'ChampionshipPrediction':
        drafts.push(...this.championship.onPatch(sessionKey, state, patch, atMs));
        break;
    }
    if (reclassify) drafts.push(...this.classification(sessionKey, atMs));
    return this.outputs(drafts, context);
  }

  /** Closes laps still waiting for trailing values; call once a recording has ended. */
  flush(context: DerivationContext): DerivedOutput[] {
    return this.outputs(this.timing.settleAll(this.sessionKeyOf(context)), context);
  }

  /** Telemetry frames are whole, not patches: they feed the clock and TELEMETRY but not the state. */
  private telemetryFrame(message: TopicMessage, context: DerivationContext): DerivedOutput[] {
    const sessionKey = this.sessionKeyOf(context);
    this.clock.observe(message, false);
    const streamMs = streamTimeMs(message);
    const settled = streamMs === undefined ? [] : this.timing.settleDue(sessionKey, streamMs);
    this.telemetry ??= new TelemetryFramer(sessionKey);
    const frames =
      message.topic === 'CarData.z'
        ? this.telemetry.carData(message.payload)
        : this.telemetry.positions(message.payload);
    return [...this.outputs(settled, context), ...frames];
  }

  private sessionStatus(sessionKey: number, state: FeedRecord, atMs: number | undefined): EventDraft[] {
    const status = state.Status;
    if (status === 'Started' && atMs !== undefined && this.clock.sessionStartUtcMs === undefined) {
      this.clock.markSessionStarted(atMs);
      this.timing.sessionStarted();
    }
    if (typeof status === 'string') this.phase = phaseAfter(status, this.phase);
    const sessionPart = sessionPartOf(this.state.get('TimingData'));
    const sessionTimeMs = atMs === undefined ? null : this.clock.sessionTimeMs(atMs);
    return this.topics.sessionStatus(sessionKey, status, sessionPart, atMs, sessionTimeMs);
  }

  private classification(sessionKey: number, atMs: number | undefined): EventDraft[] {
    const timing = this.state.get('TimingData');
    if (!timing) return [];
    const sessionPart = sessionPartOf(timing);
    const entries = classify(timing, this.timing.laps, sessionPart);
    // Gaps tick on every lap; they ride along but do not by themselves make a new classification.
    const standing = entries.map((entry) => [
      entry.position,
      entry.driverNumber,
      entry.lapsCompleted,
      entry.bestLapTimeMs,
      entry.bestLapNumber,
      entry.bestLapTimesByPartMs,
      entry.numberOfPitStops,
      entry.status,
    ]);
    const signature = `${this.phase}|${sessionPart}|${JSON.stringify(standing)}`;
    if (signature === this.classificationSignature) return [];
    this.classificationSignature = signature;
    this.classifications += 1;
    const data = { sessionKey, phase: this.phase, sessionPart, entries };
    return [draft(ClassificationUpdated, [this.classifications], atMs, data)];
  }

  private outputs(drafts: EventDraft[], context: DerivationContext): DerivedOutput[] {
    return drafts.map((decided) => {
      const event = createEvent(decided.definition, {
        id: deterministicId('livetiming', this.sessionKey, decided.definition.type, ...decided.naturalKey),
        occurredAt: decided.occurredAtMs === undefined ? context.recordedAt : toIsoUtc(decided.occurredAtMs),
        recordedAt: context.recordedAt,
        source: 'livetiming',
        correlationId: context.correlationId,
        causationId: context.causationId,
        data: decided.data,
      }) as SessionEvent | TeamRadioCapturedEvent | SessionSupplementEvent;
      const subject =
        event.type === 'TeamRadioCaptured'
          ? teamRadioSubject(event)
          : isSessionSupplementEvent(event)
            ? sessionSupplementSubject(event)
            : sessionEventSubject(event);
      return { kind: 'event', subject, event };
    });
  }

  private sessionKeyOf(context: DerivationContext): number {
    const sessionKey = Number(context.sessionKey);
    if (!Number.isInteger(sessionKey) || sessionKey <= 0) {
      throw new Error(`Session key must be a positive integer, got ${JSON.stringify(context.sessionKey)}`);
    }
    if (this.sessionKey !== undefined && this.sessionKey !== sessionKey) {
      throw new Error(`This deriver holds session ${this.sessionKey}; got a message for ${sessionKey}`);
    }
    this.sessionKey = sessionKey;
    return sessionKey;
  }
}
