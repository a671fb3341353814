import { type KV, Kvm } from '@nats-io/kv';
import { type NatsConnection } from '@nats-io/transport-node';

/** Bucket holding ingestion checkpoints: a killed backfill or import resumes from them. */
export const CHECKPOINT_BUCKET = 'slipstream_ingestion';
const CHECKPOINT_BUCKET_OPTIONS = { history: 1, description: 'slipstream ingestion checkpoints' };

/** Creates the ingestion bucket if missing (idempotent) and opens it. */
export function openIngestionBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(CHECKPOINT_BUCKET, CHECKPOINT_BUCKET_OPTIONS);
}

/** Marks units of work done in NATS KV, so progress survives the process (and lives beside the data). */
export class CheckpointStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection): Promise<CheckpointStore> {
    return new CheckpointStore(await openIngestionBucket(nc));
  }

  /** On a bucket already opened (the CLI shares it with the request log). */
  static on(kv: KV): CheckpointStore {
    return new CheckpointStore(kv);
  }

  async get(key: string): Promise<string | undefined> {
    const entry = await this.kv.get(sanitize(key));
    return entry && entry.operation === 'PUT' ? entry.string() : undefined;
  }

  async isDone(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async markDone(key: string, value = new Date().toISOString()): Promise<void> {
    await this.kv.put(sanitize(key), value);
  }

  async clear(prefix: string): Promise<number> {
    let cleared = 0;
    for await (const key of await this.kv.keys(`${sanitize(prefix)}.>`)) {
      await this.kv.delete(key);
      cleared++;
    }
    return cleared;
  }
}

/** KV keys allow `[-/_=.a-zA-Z0-9]`; dots separate levels. */
function sanitize(key: string): string {
  return key.replace(/[^-/_=.a-zA-Z0-9]/g, '_');
}
