import { isContainer, KEYFRAME_MARKER, mergePatch } from './patch-merge';

export type TopicState = Record<string, unknown>;

/** What applying one message did to its topic's state. */
export interface AppliedPatch {
  state: TopicState;
  /** The topic had no state before this message. */
  first: boolean;
  /** The feed marked the message as a keyframe (a full snapshot, e.g. on subscribe). */
  keyframe: boolean;
}

/**
 * The merged state of every topic of one session, as F1's own clients keep it: each message is a
 * patch onto the state of its topic. Patches are merged in place, so a message costs what it
 * changes, not the size of the state.
 */
export class SessionState {
  private readonly topics = new Map<string, TopicState>();

  apply(topic: string, payload: unknown): AppliedPatch {
    let state = this.topics.get(topic);
    const first = state === undefined;
    if (state === undefined) {
      state = {};
      this.topics.set(topic, state);
    }
    const keyframe = isContainer(payload) && (payload as TopicState)[KEYFRAME_MARKER] === true;
    if (isContainer(payload) && !Array.isArray(payload)) mergePatch(state, payload as TopicState);
    return { state, first, keyframe };
  }

  /** The merged state of a topic; undefined until its first message. Callers must not mutate it. */
  get(topic: string): TopicState | undefined {
    return this.topics.get(topic);
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }
}
