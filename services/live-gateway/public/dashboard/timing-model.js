// The dashboard's copy of one session: built from the gateway's snapshot, then moved on by the
// delta frames. Views read it; they never talk to the socket.

/** Seconds of car data kept per driver for the telemetry traces. */
const TRACE_MS = 60_000;
const RACE_CONTROL_KEPT = 100;
/** Position samples kept per car between two map updates. */
const TRAIL_KEPT = 200;

export class SessionModel {
  constructor() {
    this.listeners = new Set();
    this.reset(null);
  }

  reset(sessionKey) {
    this.sessionKey = sessionKey;
    this.info = null;
    this.status = null;
    // Topics the live ingest cannot receive, `{ topic, reason }`: empty when every topic arrives.
    this.unavailableTopics = [];
    this.drivers = new Map();
    this.rows = new Map();
    this.overallBestSectorsMs = [null, null, null];
    this.stints = new Map();
    this.pitStops = new Map();
    this.raceControl = [];
    this.trackStatus = null;
    this.weather = null;
    this.positions = new Map();
    // Every position sample since the map last looked, per car: at 10x a frame spans seconds of
    // driving, and the map inks the circuit from consecutive samples, not from frame to frame.
    this.positionTrails = new Map();
    this.traces = new Map();
    // Where to resume from (the gateway's `sync` marks), and the last item applied per topic: within
    // a topic items arrive in stream order, across topics they need not.
    this.sequences = { EVENTS: 0, TELEMETRY: 0 };
    this.topicSeq = {};
    // The cars already applied at `topicSeq` per topic, or null once that message is complete: one
    // TELEMETRY message is a feed frame of every car, so its items (one per car) share its seq.
    this.carsAtSeq = {};
  }

  /** `fn(topic)` after each change; topics as the gateway names them. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  changed(topic) {
    for (const fn of this.listeners) fn(topic);
  }

  applySnapshot(snapshot) {
    this.reset(snapshot.sessionKey);
    this.synced(snapshot.sequences);
    this.info = snapshot.session.info;
    this.status = snapshot.session.status;
    this.unavailableTopics = snapshot.session.unavailableTopics ?? [];
    for (const driver of snapshot.session.drivers) this.drivers.set(driver.driverNumber, driver);
    if (snapshot.timing) {
      this.overallBestSectorsMs = [...snapshot.timing.overallBestSectorsMs];
      for (const row of snapshot.timing.rows) this.rows.set(row.driverNumber, row);
    }
    for (const { driverNumber, stints, pitStops } of snapshot.stints ?? []) {
      this.stints.set(driverNumber, stints);
      this.pitStops.set(driverNumber, pitStops);
    }
    this.raceControl = snapshot.race_control ?? [];
    this.trackStatus = snapshot.track_status ?? null;
    this.weather = snapshot.weather ?? null;
    for (const { driverNumber, ...sample } of snapshot.positions ?? [])
      this.positions.set(driverNumber, sample);
    for (const { driverNumber, ...sample } of snapshot.telemetry ?? [])
      this.traces.set(driverNumber, [sample]);
    for (const topic of [
      'session',
      'timing',
      'stints',
      'race_control',
      'track_status',
      'weather',
      'positions',
      'telemetry',
    ])
      this.changed(topic);
  }

  /** Everything up to these sequences has arrived (a snapshot, a resume reply, or a `sync` after a tick). */
  synced(sequences) {
    this.sequences = { ...sequences };
    for (const topic of ['session', 'timing', 'stints', 'race_control', 'track_status', 'weather'])
      this.receivedUpTo(topic, sequences.EVENTS);
    for (const topic of ['positions', 'telemetry']) this.receivedUpTo(topic, sequences.TELEMETRY);
  }

  /** Every message up to `seq` has arrived whole. */
  receivedUpTo(topic, seq) {
    if (seq < (this.topicSeq[topic] ?? 0)) return;
    this.topicSeq[topic] = seq;
    this.carsAtSeq[topic] = null;
  }

  /**
   * Whether an item is news: a resume replays from the last `sync`, which can overlap frames of a
   * tick cut short. Items of one message share its seq (one per car), so at the last seq seen an
   * item is new only for a car not applied yet.
   */
  isNew(topic, item) {
    const last = this.topicSeq[topic] ?? 0;
    if (item.seq < last) return false;
    if (item.seq > last) {
      this.topicSeq[topic] = item.seq;
      this.carsAtSeq[topic] = new Set();
    }
    const cars = this.carsAtSeq[topic];
    const car = item.driverNumber ?? null;
    if (!cars || cars.has(car)) return false;
    cars.add(car);
    return true;
  }

  applyFrame(frame) {
    if (frame.sessionKey !== this.sessionKey) return;
    for (const item of frame.items) {
      if (!this.isNew(frame.topic, item)) continue;
      if (frame.stream === 'TELEMETRY') this.applySamples(frame.topic, item);
      else this.applyEvent(item);
    }
    this.changed(frame.topic);
  }

  applySamples(topic, { driverNumber, samples }) {
    if (topic === 'positions') {
      this.positions.set(driverNumber, samples[samples.length - 1]);
      const trail = this.positionTrails.get(driverNumber) ?? [];
      trail.push(...samples);
      // Bounded in case the map is not drawing (a background tab): the latest samples matter most.
      this.positionTrails.set(driverNumber, trail.length > TRAIL_KEPT ? trail.slice(-TRAIL_KEPT) : trail);
      return;
    }
    const trace = this.traces.get(driverNumber) ?? [];
    trace.push(...samples);
    const from = samples[samples.length - 1].utcMs - TRACE_MS;
    while (trace.length && trace[0].utcMs < from) trace.shift();
    this.traces.set(driverNumber, trace);
  }

  applyEvent({ type, data }) {
    switch (type) {
      case 'SessionInfoRecorded':
        this.info = data;
        break;
      case 'SessionStatusChanged':
        this.status = data;
        break;
      case 'SessionDriverRegistered':
        this.drivers.set(data.driverNumber, data);
        this.row(data.driverNumber);
        break;
      case 'LapCompleted':
        this.lapCompleted(data);
        break;
      case 'LapTimeDeleted': {
        const lap = this.rows.get(data.driverNumber)?.lastLap;
        if (lap && lap.lapNumber === data.lapNumber) lap.deleted = true;
        break;
      }
      case 'PositionChanged':
        this.row(data.driverNumber).position = data.position;
        break;
      case 'GapChanged': {
        const row = this.row(data.driverNumber);
        row.gapToLeader = data.gapToLeader.text || null;
        row.intervalToPositionAhead = data.intervalToPositionAhead.text || null;
        break;
      }
      case 'ClassificationUpdated':
        this.classification(data);
        break;
      case 'StintStarted':
      case 'StintUpdated': {
        const stints = (this.stints.get(data.driverNumber) ?? []).filter(
          (stint) => stint.stintNumber !== data.stintNumber,
        );
        stints.push(data);
        stints.sort((a, b) => a.stintNumber - b.stintNumber);
        this.stints.set(data.driverNumber, stints);
        break;
      }
      case 'SessionPitStopRecorded': {
        const stops = (this.pitStops.get(data.driverNumber) ?? []).filter(
          (stop) => stop.pitStopNumber !== data.pitStopNumber,
        );
        this.pitStops.set(data.driverNumber, [...stops, data]);
        const row = this.row(data.driverNumber);
        row.numberOfPitStops = Math.max(row.numberOfPitStops, stops.length + 1);
        break;
      }
      case 'RaceControlMessageIssued':
        this.raceControl = [...this.raceControl.filter((m) => m.messageIndex !== data.messageIndex), data]
          .sort((a, b) => a.messageIndex - b.messageIndex)
          .slice(-RACE_CONTROL_KEPT);
        break;
      case 'TrackStatusChanged':
        this.trackStatus = data;
        break;
      case 'WeatherRecorded':
        this.weather = data;
        break;
      case 'LiveTopicAccessRecorded':
        this.unavailableTopics = data.unavailableTopics;
        break;
    }
  }

  row(driverNumber) {
    let row = this.rows.get(driverNumber);
    if (!row) {
      row = {
        driverNumber,
        position: null,
        gapToLeader: null,
        intervalToPositionAhead: null,
        lapsCompleted: 0,
        lastLap: null,
        bestLapTimeMs: null,
        bestLapNumber: null,
        bestLapTimesByPartMs: [],
        bestSectorsMs: [null, null, null],
        numberOfPitStops: 0,
        status: null,
      };
      this.rows.set(driverNumber, row);
    }
    return row;
  }

  lapCompleted(lap) {
    const row = this.row(lap.driverNumber);
    const sectorsMs = [lap.sector1Ms, lap.sector2Ms, lap.sector3Ms];
    row.lastLap = {
      lapNumber: lap.lapNumber,
      lapTimeMs: lap.lapTimeMs,
      sectorsMs,
      sectorStatus: colourSectors(sectorsMs, row.bestSectorsMs, this.overallBestSectorsMs),
      isPersonalBest: lap.isPersonalBest,
      isOverallBest: lap.isOverallBest,
      deleted: false,
    };
    row.lapsCompleted = Math.max(row.lapsCompleted, lap.lapNumber);
    if (lap.lapTimeMs !== null && (row.bestLapTimeMs === null || lap.lapTimeMs < row.bestLapTimeMs)) {
      row.bestLapTimeMs = lap.lapTimeMs;
      row.bestLapNumber = lap.lapNumber;
    }
  }

  classification(data) {
    this.sessionPart = data.sessionPart;
    for (const entry of data.entries) {
      const row = this.row(entry.driverNumber);
      Object.assign(row, {
        position: entry.position,
        lapsCompleted: entry.lapsCompleted,
        bestLapTimeMs: entry.bestLapTimeMs,
        bestLapNumber: entry.bestLapNumber,
        bestLapTimesByPartMs: entry.bestLapTimesByPartMs,
        numberOfPitStops: entry.numberOfPitStops,
        status: entry.status,
        gapToLeader: entry.gapToLeader || row.gapToLeader,
        intervalToPositionAhead: entry.intervalToPositionAhead || row.intervalToPositionAhead,
      });
    }
  }

  /** Leaderboard order: classified cars by position, then the rest by number. */
  orderedRows() {
    return [...this.rows.values()].sort(
      (a, b) => (a.position ?? 999) - (b.position ?? 999) || a.driverNumber - b.driverNumber,
    );
  }

  /** The position samples that arrived since the last call, per car, in order. */
  takePositionTrails() {
    const trails = this.positionTrails;
    this.positionTrails = new Map();
    return trails;
  }

  currentStint(driverNumber) {
    const stints = this.stints.get(driverNumber);
    return stints ? stints[stints.length - 1] : null;
  }
}

/** Same rule as the gateway (src/session-state/sector-colours.ts): purple, green or yellow. */
export function colourSectors(sectorsMs, personal, overall) {
  return sectorsMs.map((time, index) => {
    if (time === null || time <= 0) return null;
    if (overall[index] === null || time <= overall[index]) {
      overall[index] = time;
      personal[index] = time;
      return 'overall';
    }
    if (personal[index] === null || time <= personal[index]) {
      personal[index] = time;
      return 'personal';
    }
    return 'none';
  });
}
