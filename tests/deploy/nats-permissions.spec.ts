import { describe, expect, it } from 'vitest';

import {
  ALL_DURABLE_CONSUMERS,
  controlSubjects,
  dlqSubjects,
  eventSubject,
  rawSubjects,
  STREAMS,
  subjectMatches,
  telemetrySubjects,
} from '@slipstream/contracts';

import { render } from './chart-objects';
import { chartDir } from './paths';
import { loadValues } from './values';

interface NatsUser {
  user: string;
  password: string;
  permissions: { publish: { allow: string[] }; subscribe: { allow: string[] } };
}

const values = loadValues(chartDir) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
const users: NatsUser[] = values.nats.config.merge.accounts.SLIPSTREAM.users;
const userNames = values.natsConnection.users as Record<string, string>;
const userFor = (key: string): NatsUser => {
  const found = users.find((candidate) => candidate.user === userNames[key]);
  if (!found) throw new Error(`no NATS user ${userNames[key]} in nats.config.merge`);
  return found;
};

const canPublish = (key: string, subject: string) =>
  userFor(key).permissions.publish.allow.some((p) => subjectMatches(p, subject));
const canSubscribe = (key: string, subject: string) =>
  userFor(key).permissions.subscribe.allow.some((p) => subjectMatches(p, subject));
const dataSubjects = (allow: string[]) =>
  allow.filter((subject) => !subject.startsWith('$') && !subject.startsWith('_INBOX'));

/**
 * Every subject of ours in the chart's NATS permissions (NATS's own `$JS…`, `$KV…` and `_INBOX…`
 * aside), as libs/contracts builds it: YAML cannot call the builders, so this is where a subject
 * renamed in the contracts and not in the chart fails.
 */
const CONTRACT_SUBJECTS: Record<string, { publish: string[]; subscribe: string[] }> = {
  ingestion: { publish: STREAMS.RAW.subjects, subscribe: [] },
  telemetryReplay: { publish: STREAMS.RAW.subjects, subscribe: [controlSubjects.replay] },
  normalization: {
    publish: [...STREAMS.EVENTS.subjects, ...STREAMS.TELEMETRY.subjects, ...STREAMS.DLQ.subjects],
    subscribe: STREAMS.RAW.subjects,
  },
  projection: {
    publish: [dlqSubjects.ofStage('projection')],
    subscribe: [...STREAMS.EVENTS.subjects, ...STREAMS.TELEMETRY.subjects],
  },
  liveGateway: { publish: [], subscribe: [...STREAMS.EVENTS.subjects, ...STREAMS.TELEMETRY.subjects] },
  provisioner: { publish: [], subscribe: [] },
};

describe('NATS users of the bundled server', () => {
  it('spells every subject of ours as libs/contracts builds it', () => {
    expect(Object.keys(CONTRACT_SUBJECTS).sort()).toEqual(Object.keys(userNames).sort());
    for (const [key, expected] of Object.entries(CONTRACT_SUBJECTS)) {
      const { publish, subscribe } = userFor(key).permissions;
      expect(dataSubjects(publish.allow), `${key} publish`).toEqual(expected.publish);
      expect(dataSubjects(subscribe.allow), `${key} subscribe`).toEqual(expected.subscribe);
    }
  });

  it("lets each stage read its durable consumers, whose filter subjects are in their stream's", () => {
    for (const consumer of ALL_DURABLE_CONSUMERS) {
      const { stream, durable, filterSubject, stage } = consumer;
      expect(
        STREAMS[stream].subjects.some((subjects) => subjectMatches(subjects, filterSubject)),
        `${durable} filters ${filterSubject}`,
      ).toBe(true);
      expect(canPublish(stage, `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`), durable).toBe(true);
      expect(canPublish(stage, `$JS.ACK.${stream}.${durable}.1.2.3.4.5`), durable).toBe(true);
    }
  });

  it('has exactly one user per service and the provisioner, named as the services connect', () => {
    expect(users.map((u) => u.user).sort()).toEqual(Object.values(userNames).sort());
  });

  it('reads each password from a variable the NATS container takes from the credentials Secret', () => {
    // The NATS chart renders the $tplYaml reference with the release in scope; the chart's own check
    // renders it the same way and fails unless it names the credentials Secret, so a render under
    // another release name passing is the proof that the name follows the release.
    const secret = render({ releaseName: 'f1' }).find('Secret', 'f1-credentials');
    for (const user of users) {
      const variable = /^<< \$([A-Z_]+) >>$/.exec(user.password)?.[1];
      expect(variable, user.user).toBeDefined();
      const template: string = values.nats.container.env[variable!].valueFrom.secretKeyRef.$tplYaml;
      expect(template).toContain('.Release.Name');
      const key = /key: (\S+)/.exec(template)?.[1];
      expect(Object.keys(secret.data)).toContain(key);
    }
  });

  it('refuses a NATS password reference that does not resolve to the credentials Secret', () => {
    const env = {
      NATS_INGESTION_PASSWORD: {
        valueFrom: { secretKeyRef: { $tplYaml: null, name: 'slipstream-credentials', key: 'k' } },
      },
    };
    expect(() => render({ releaseName: 'f1', values: [{ nats: { container: { env } } }] })).toThrow(
      /NATS_INGESTION_PASSWORD reads Secret "slipstream-credentials"; set it to "f1-credentials"/,
    );
  });

  it('lets ingestion and telemetry-replay publish RAW subjects and nothing else', () => {
    for (const key of ['ingestion', 'telemetryReplay']) {
      expect(dataSubjects(userFor(key).permissions.publish.allow)).toEqual(STREAMS.RAW.subjects);
      expect(canPublish(key, rawSubjects.jolpica('results'))).toBe(true);
      expect(canPublish(key, eventSubject('session', 'lap_completed', 9873, 44))).toBe(false);
      expect(canPublish(key, telemetrySubjects.frame(9873, 'car_data'))).toBe(false);
      expect(canPublish(key, '$JS.API.STREAM.DELETE.RAW')).toBe(false);
    }
    expect(userFor('ingestion').permissions.subscribe.allow).toEqual(['_INBOX.>']);
    // Replay answers control requests; ingestion keeps checkpoints in its own KV bucket only.
    expect(userFor('telemetryReplay').permissions.subscribe.allow).toEqual([
      '_INBOX.>',
      controlSubjects.replay,
    ]);
    expect(canPublish('ingestion', '$KV.slipstream_ingestion.backfill.2023.results')).toBe(true);
    expect(canPublish('ingestion', '$KV.other_bucket.key')).toBe(false);
  });

  it('lets normalization consume RAW and publish events, telemetry and dead letters', () => {
    for (const subject of [
      ...STREAMS.EVENTS.subjects,
      ...STREAMS.TELEMETRY.subjects,
      ...STREAMS.DLQ.subjects,
    ]) {
      expect(userFor('normalization').permissions.publish.allow).toContain(subject);
    }
    expect(canPublish('normalization', rawSubjects.jolpica('results'))).toBe(false);
    expect(canSubscribe('normalization', rawSubjects.livetiming(9873, 'TimingData'))).toBe(true);
    expect(canPublish('normalization', '$JS.API.CONSUMER.MSG.NEXT.RAW.normalization')).toBe(true);
    expect(canPublish('normalization', '$JS.ACK.RAW.normalization.1.2.3.4.5')).toBe(true);
    // Issue 13 (defect d): the standings reactor consumes EVENTS (durable and ordered reads).
    expect(canPublish('normalization', '$JS.API.CONSUMER.MSG.NEXT.EVENTS.normalization-standings')).toBe(
      true,
    );
    expect(canPublish('normalization', '$JS.ACK.EVENTS.normalization-standings.1.2.3.4.5')).toBe(true);
    expect(canPublish('normalization', '$JS.API.CONSUMER.MSG.NEXT.TELEMETRY.projection-telemetry')).toBe(
      false,
    );
  });

  it('lets projection and live-gateway read events and telemetry and publish no data', () => {
    for (const key of ['projection', 'liveGateway']) {
      expect(canSubscribe(key, eventSubject('session', 'lap_completed', 9873, 44))).toBe(true);
      expect(canSubscribe(key, telemetrySubjects.frame(9873, 'position'))).toBe(true);
      expect(canSubscribe(key, rawSubjects.jolpica('results'))).toBe(false);
      expect(canPublish(key, eventSubject('session', 'lap_completed', 9873, 44))).toBe(false);
      expect(canPublish(key, `$JS.API.CONSUMER.MSG.NEXT.EVENTS.${key}`)).toBe(true);
      expect(canPublish(key, `$JS.API.CONSUMER.MSG.NEXT.RAW.${key}`)).toBe(false);
    }
    // A projection failure is a dead letter of its own stage.
    expect(dataSubjects(userFor('projection').permissions.publish.allow)).toEqual([
      dlqSubjects.ofStage('projection'),
    ]);
    expect(dataSubjects(userFor('liveGateway').permissions.publish.allow)).toEqual([]);
  });

  it('leaves stream management to the provisioner alone', () => {
    for (const key of ['ingestion', 'telemetryReplay', 'normalization', 'projection', 'liveGateway']) {
      for (const stream of Object.keys(STREAMS)) {
        for (const action of ['CREATE', 'UPDATE', 'DELETE', 'PURGE']) {
          expect(canPublish(key, `$JS.API.STREAM.${action}.${stream}`), `${key} ${action} ${stream}`).toBe(
            false,
          );
        }
      }
    }
    expect(canPublish('provisioner', '$JS.API.STREAM.CREATE.RAW')).toBe(true);
    expect(canPublish('provisioner', rawSubjects.jolpica('results'))).toBe(false);
  });
});
