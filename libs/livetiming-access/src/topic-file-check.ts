import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface CheckedFile {
  bytes: number;
  lines: number;
  sha256: string;
}

/**
 * Checks a downloaded `<Topic>.jsonStream`: it ends with a line break (no cut-off last line) and
 * every line is `HH:MM:SS.mmm` followed by parsable JSON (F1's files start with a BOM and use CRLF).
 */
export async function checkTopicFile(file: string): Promise<CheckedFile> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new Error(`${file} is empty`);
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) throw new Error(`${file} ends in the middle of a line`);
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  const stream = createReadStream(file);
  stream.on('data', (chunk: Buffer | string) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    lines++;
    const line = text.replace(/^\uFEFF/, '').replace(/\r$/, '');
    if (line === '') continue;
    if (!/^\d{2}:\d{2}:\d{2}\.\d{3}/.test(line))
      throw new Error(`${file} line ${lines}: no HH:MM:SS.mmm offset`);
    try {
      JSON.parse(line.slice(12));
    } catch {
      throw new Error(`${file} line ${lines}: the JSON does not parse`);
    }
  }
  return { bytes, lines, sha256: hash.digest('hex') };
}
