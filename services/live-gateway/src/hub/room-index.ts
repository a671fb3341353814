import { type FeedTopic } from '@slipstream/contracts';

/**
 * Rooms are per session, topic and driver filter: `9873/timing/*` for all cars, `9873/telemetry/1,44`
 * for a client that asked for cars 1 and 44. Every client with the same filter shares one room, so
 * a tick costs one encoded frame per room, not one per client or per car.
 */
export function roomName(sessionKey: number, topic: FeedTopic, drivers: readonly number[] | null): string {
  return `${sessionKey}/${topic}/${filterKey(drivers)}`;
}

export function filterKey(drivers: readonly number[] | null): string {
  return drivers && drivers.length > 0 ? [...new Set(drivers)].sort((a, b) => a - b).join(',') : '*';
}

export interface RoomGroup {
  room: string;
  drivers: ReadonlySet<number> | null;
}

/** Which rooms have members, per session and topic, so a tick only builds frames someone receives. */
export class RoomIndex {
  private readonly groups = new Map<string, Map<string, { group: RoomGroup; members: number }>>();

  join(sessionKey: number, topic: FeedTopic, drivers: readonly number[] | null): string {
    const room = roomName(sessionKey, topic, drivers);
    const key = `${sessionKey}/${topic}`;
    const rooms = this.groups.get(key) ?? new Map<string, { group: RoomGroup; members: number }>();
    this.groups.set(key, rooms);
    const entry = rooms.get(room) ?? {
      group: { room, drivers: drivers && drivers.length > 0 ? new Set(drivers) : null },
      members: 0,
    };
    entry.members += 1;
    rooms.set(room, entry);
    return room;
  }

  leave(room: string): void {
    const [sessionKey, topic] = room.split('/');
    const key = `${sessionKey}/${topic}`;
    const rooms = this.groups.get(key);
    const entry = rooms?.get(room);
    if (!rooms || !entry) return;
    entry.members -= 1;
    if (entry.members <= 0) rooms.delete(room);
    if (rooms.size === 0) this.groups.delete(key);
  }

  roomsOf(sessionKey: number, topic: FeedTopic): RoomGroup[] {
    const rooms = this.groups.get(`${sessionKey}/${topic}`);
    return rooms ? [...rooms.values()].map(({ group }) => group) : [];
  }

  get size(): number {
    let total = 0;
    for (const rooms of this.groups.values()) total += rooms.size;
    return total;
  }
}
