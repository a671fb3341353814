import { TopicMessage } from './topic-message';

interface Head {
  message: TopicMessage;
  iterator: AsyncIterator<TopicMessage>;
}

function comesBefore(a: TopicMessage, b: TopicMessage): boolean {
  const byOffset = (a.offsetMs ?? 0) - (b.offsetMs ?? 0);
  if (byOffset !== 0) return byOffset < 0;
  if (a.topic !== b.topic) return a.topic < b.topic;
  return a.line < b.line;
}

/**
 * K-way merge of per-topic streams that are each in offset order. Ties go to the topic name and
 * then the line, so the merged order is the same on every run (replays stay deterministic).
 * Only one message per source is held at a time; a session has ~20 topics, so a linear scan
 * for the smallest head is cheaper to read than a heap and just as fast.
 */
export async function* mergeByOffset(sources: AsyncIterable<TopicMessage>[]): AsyncGenerator<TopicMessage> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const heads: Head[] = [];
  try {
    for (const iterator of iterators) await pull(iterator, heads);
    while (heads.length > 0) {
      let earliest = 0;
      for (let i = 1; i < heads.length; i += 1) {
        if (comesBefore(heads[i].message, heads[earliest].message)) earliest = i;
      }
      const [head] = heads.splice(earliest, 1);
      yield head.message;
      await pull(head.iterator, heads);
    }
  } finally {
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  }
}

async function pull(iterator: AsyncIterator<TopicMessage>, heads: Head[]): Promise<void> {
  const next = await iterator.next();
  if (!next.done) heads.push({ message: next.value, iterator });
}
