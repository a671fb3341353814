import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/*
 * A seeded script that damages a recorded session's TimingData the way issue 18's probe did:
 * flipped bytes, truncated lines, values of the wrong type, a 1 MB line of garbage, plus a valid
 * line too large for NATS and lines sent twice. Only lines that carry nothing but a few "victim"
 * cars are damaged, so every other car's data is intact and its classification must not change.
 *
 * A flip sets the high bit of a byte of the JSON's structure (a brace, bracket, colon, comma or
 * quote), which can never leave valid JSON. A flip inside a value that still reads as a valid value
 * (`"3"` → `"7"`) is not damage any reader can see without a checksum from the source; F1's feed
 * has none, so it is not made here.
 */

export type DamageKind = 'flipped' | 'truncated' | 'wrong_type' | 'garbage' | 'oversized' | 'duplicate';

export interface DamagedLine {
  kind: DamageKind;
  /** 1-based line of the damaged TimingData.jsonStream. */
  line: number;
  /** For `wrong_type`: the payload as it will reach RAW, and its offset; normalization must refuse it. */
  payload?: unknown;
  offsetMs?: number;
  /** Cars whose data the original line carried (none for inserted lines). */
  cars: string[];
}

export interface DamagedSession {
  damaged: DamagedLine[];
  victims: string[];
  lines: number;
}

const COUNTS = { flipped: 10, truncated: 8, wrong_type: 14, duplicate: 3 };
const OFFSET = /^(\d\d):(\d\d):(\d\d)\.(\d{3})/;

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What a wrong-typed value does to one victim car's patch; each one corrupted a real replay. */
const WRONG_TYPES: Array<(payload: { Lines: Record<string, unknown> }, car: string) => void> = [
  (payload) => ((payload as { Lines: unknown }).Lines = null),
  (payload) => ((payload as { Lines: unknown }).Lines = []),
  (payload) => ((payload as { Lines: unknown }).Lines = 42),
  (payload, car) => (payload.Lines[car] = 'x'),
  (payload, car) => (payload.Lines[car] = null),
  (payload, car) => (payload.Lines[car] = []),
  (payload, car) => {
    payload.Lines['0'] = payload.Lines[car];
    delete payload.Lines[car];
  },
  (payload, car) => (lineOf(payload, car).Position = 3),
  (payload, car) => (lineOf(payload, car).NumberOfLaps = '12'),
  (payload, car) => (lineOf(payload, car).Retired = 'true'),
  (payload, car) => (lineOf(payload, car).Sectors = 7),
  (payload, car) => (lineOf(payload, car).BestLapTime = '1:30.000'),
];

function lineOf(payload: { Lines: Record<string, unknown> }, car: string): Record<string, unknown> {
  return payload.Lines[car] as Record<string, unknown>;
}

/** Copies `from` to `to` with TimingData damaged as described above; TimingData is written unzipped. */
export function damageSession(from: string, to: string, seed: number): DamagedSession {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'TimingData.jsonStream.gz'));
  const original = gunzipSync(readFileSync(join(from, 'TimingData.jsonStream.gz')))
    .toString('utf8')
    .split(/\r?\n/)
    .filter((text) => text.trim() !== '');

  const cars = [...new Set(original.flatMap((text) => Object.keys(payloadOf(text)?.Lines ?? {})))].sort();
  const victims = [...cars].sort(() => random() - 0.5).slice(0, 4);
  // Candidates: patches of victim cars only, after the first (the keyframe every car starts from).
  const candidates = original
    .map((text, index) => ({ index, keys: Object.keys(payloadOf(text)?.Lines ?? {}) }))
    .filter(({ index, keys }) => index > 0 && keys.length > 0 && keys.every((key) => victims.includes(key)));
  const chosen = new Map<number, DamageKind>();
  for (const [kind, count] of Object.entries(COUNTS) as Array<[DamageKind, number]>) {
    for (let made = 0; made < count; ) {
      const { index } = pick(candidates);
      if (chosen.has(index)) continue;
      chosen.set(index, kind);
      made++;
    }
  }

  const out: Buffer[] = [];
  const damaged: DamagedLine[] = [];
  let wrongTypes = 0;
  const insertAt = {
    garbage: Math.floor(original.length / 3),
    oversized: Math.floor((original.length * 2) / 3),
  };
  original.forEach((text, index) => {
    const kind = chosen.get(index);
    const carsOf = Object.keys(payloadOf(text)?.Lines ?? {});
    if (index === insertAt.garbage) {
      out.push(garbageLine(random));
      damaged.push({ kind: 'garbage', line: out.length, cars: [] });
    }
    if (index === insertAt.oversized) {
      const at = OFFSET.exec(text)![0];
      out.push(Buffer.from(`${at}{"Lines":{"${victims[0]}":{"GapToLeader":"+${'9'.repeat(1_200_000)}"}}}`));
      damaged.push({ kind: 'oversized', line: out.length, cars: [] });
    }
    if (kind === undefined) {
      out.push(Buffer.from(text));
    } else if (kind === 'flipped') {
      out.push(flipStructuralByte(text, random));
      damaged.push({ kind, line: out.length, cars: carsOf });
    } else if (kind === 'truncated') {
      const json = text.length - OFFSET.exec(text)![0].length;
      out.push(Buffer.from(text.slice(0, text.length - 1 - Math.floor(random() * (json - 1)))));
      damaged.push({ kind, line: out.length, cars: carsOf });
    } else if (kind === 'duplicate') {
      out.push(Buffer.from(text), Buffer.from(text));
      damaged.push({ kind, line: out.length, cars: [] });
    } else {
      const at = OFFSET.exec(text)![0];
      const payload = payloadOf(text)!;
      WRONG_TYPES[wrongTypes++ % WRONG_TYPES.length](payload, pick(Object.keys(payload.Lines)));
      out.push(Buffer.from(`${at}${JSON.stringify(payload)}`));
      damaged.push({ kind, line: out.length, payload, offsetMs: offsetMsOf(at), cars: carsOf });
    }
  });
  writeFileSync(
    join(to, 'TimingData.jsonStream'),
    Buffer.concat(out.flatMap((line) => [line, Buffer.from('\n')])),
  );
  return { damaged, victims, lines: out.length };
}

function payloadOf(text: string): { Lines: Record<string, unknown> } | undefined {
  const at = OFFSET.exec(text);
  if (!at) return undefined;
  const payload = JSON.parse(text.slice(at[0].length)) as { Lines?: unknown };
  return typeof payload.Lines === 'object' && payload.Lines !== null
    ? (payload as { Lines: Record<string, unknown> })
    : undefined;
}

function offsetMsOf(at: string): number {
  const [, h, m, s, ms] = OFFSET.exec(at)!.map(Number);
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

/** Sets the high bit of a structural byte of the line's JSON (outside strings, or a string's quote). */
function flipStructuralByte(text: string, random: () => number): Buffer {
  const start = OFFSET.exec(text)![0].length;
  const structural: number[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString && char === '\\') {
      index++;
    } else if (char === '"') {
      inString = !inString;
      structural.push(index);
    } else if (!inString && '{}[]:,'.includes(char)) {
      structural.push(index);
    }
  }
  const bytes = Buffer.from(text, 'utf8');
  const at = structural[Math.floor(random() * structural.length)];
  const byteIndex = Buffer.byteLength(text.slice(0, at), 'utf8');
  bytes[byteIndex] ^= 0x80;
  return bytes;
}

/** One megabyte of printable garbage, without a line break. */
function garbageLine(random: () => number): Buffer {
  const bytes = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < bytes.length; index++) bytes[index] = 33 + Math.floor(random() * 94);
  return bytes;
}
