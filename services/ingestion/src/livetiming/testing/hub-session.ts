import { stat } from 'node:fs/promises';

import { parseCaptureLine, readArchiveSession, readTextLines } from '@slipstream/livetiming';

/** One feed call the hub will send: what F1 sends as `feed(topic, data, timestamp)`. */
export interface HubLine {
  topic: string;
  /** As F1 sends it: `.z` topics stay base64 text. */
  data: unknown;
  /** The send time the hub puts in the call (the recording's time). */
  at: string;
}

export interface HubSession {
  /** The state a client joining before the first line is given (a capture's `init` line). */
  initial: Record<string, unknown>;
  lines: HubLine[];
}

/**
 * What the stand-in hub plays: a live capture (`<ns>:<Topic>:<json>` lines, an `init` line being
 * the state at joining) or an archive session folder (all topics merged in time order).
 */
export async function loadHubSession(path: string): Promise<HubSession> {
  if ((await stat(path)).isDirectory()) {
    const lines: HubLine[] = [];
    for await (const message of readArchiveSession(path, { withTimestamps: true })) {
      const data = message.raw !== undefined ? JSON.parse(message.raw) : message.payload;
      lines.push({ topic: message.topic, data, at: message.timestamp! });
    }
    return { initial: {}, lines };
  }
  let initial: Record<string, unknown> = {};
  const lines: HubLine[] = [];
  for await (const { text } of readTextLines(path)) {
    const line = parseCaptureLine(text);
    const at = new Date(Number(line.receivedNs / 1_000_000n)).toISOString();
    if (line.topic === 'init') initial = line.payload as Record<string, unknown>;
    else lines.push({ topic: line.topic, data: line.payload, at });
  }
  return { initial, lines };
}

/**
 * Applies a patch to a topic's state as F1 describes its stream: objects merge key by key, a patch
 * object over an array addresses items by index, anything else replaces. Kept apart from the
 * platform's own merge on purpose: the stand-in must not share code with what it tests.
 */
export function applyPatch(state: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  if (Array.isArray(state)) {
    const next = [...state];
    for (const [key, value] of Object.entries(patch)) {
      const index = Number(key);
      if (Number.isInteger(index)) next[index] = applyPatch(next[index], value);
    }
    return next;
  }
  const base: Record<string, unknown> = isObject(state) ? { ...state } : {};
  for (const [key, value] of Object.entries(patch)) base[key] = applyPatch(base[key], value);
  return base;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
