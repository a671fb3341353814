/** One message of one live-timing topic, whichever recording format it came from. */
export interface TopicMessage {
  /** Topic name as F1 spells it, e.g. `TimingData`, `CarData.z`. */
  topic: string;
  /**
   * Milliseconds since the start of the recording. Archive files carry it (`HH:MM:SS.mmm`);
   * for live captures and FastF1 recordings it is measured from the first message, so every
   * format can be replayed with the same pacing rule.
   */
  offsetMs?: number;
  /** ISO-8601 UTC with millisecond precision, when the recording says when it was received. */
  timestamp?: string;
  /** Decoded JSON; for `.z` topics the inflated JSON, not the base64 text. */
  payload: unknown;
  /** 1-based line number in the source file. */
  line: number;
  /** The payload text exactly as recorded, before decoding. */
  raw?: string;
}
