import { ReplayStatus, SessionReplay } from './session-replay';

export class ReplayAlreadyExistsError extends Error {
  override readonly name = 'ReplayAlreadyExistsError';
}

export class ReplayNotFoundError extends Error {
  override readonly name = 'ReplayNotFoundError';
}

export interface RegisteredReplayStatus extends ReplayStatus {
  id: string;
}

/** The replays running side by side in one process, one SessionReplay per id. */
export class ReplayRegistry {
  private readonly replays = new Map<string, SessionReplay>();

  add(id: string, replay: SessionReplay): SessionReplay {
    if (this.replays.has(id)) throw new ReplayAlreadyExistsError(`replay ${id} already exists`);
    this.replays.set(id, replay);
    return replay;
  }

  get(id: string): SessionReplay {
    const replay = this.replays.get(id);
    if (!replay) throw new ReplayNotFoundError(`no replay ${id}`);
    return replay;
  }

  has(id: string): boolean {
    return this.replays.has(id);
  }

  list(): RegisteredReplayStatus[] {
    return [...this.replays].map(([id, replay]) => ({ id, ...replay.status() }));
  }

  /** Stops the replay and forgets it; false when there was none. */
  remove(id: string): boolean {
    const replay = this.replays.get(id);
    replay?.stop();
    return this.replays.delete(id);
  }

  stopAll(): void {
    for (const id of [...this.replays.keys()]) this.remove(id);
  }
}
