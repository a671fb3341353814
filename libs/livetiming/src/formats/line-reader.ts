import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

import { ReadOptions } from './line-error';

export interface TextLine {
  text: string;
  /** 1-based. */
  line: number;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Streams the non-blank lines of a text file, gunzipping `*.gz` files on the fly. F1's own
 * downloads start with a UTF-8 BOM and end lines with CRLF while re-hosted copies often have
 * neither, so both are removed here and no parser has to care. A damaged gzip stream is reported
 * as an error at the first line it cost and ends the file; a missing file still throws.
 */
export async function* readTextLines(file: string, options: ReadOptions = {}): AsyncGenerator<TextLine> {
  const fileStream = createReadStream(file);
  const decoded = file.endsWith('.gz') ? fileStream.pipe(createGunzip()) : fileStream;
  decoded.setEncoding('utf8');
  const lines = createInterface({ input: decoded, crlfDelay: Infinity });
  // pipe() does not forward read errors, so a missing file would otherwise hang the gunzip branch.
  fileStream.on('error', (error) => decoded.destroy(error));
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const withoutBom = line === 1 && text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
      if (withoutBom.trim() !== '') yield { text: withoutBom, line };
    }
  } catch (error) {
    if (!isZlibError(error)) throw error;
    options.onError?.({ file, line: line + 1, reason: `corrupt gzip data: ${error.message}` });
  } finally {
    lines.close();
    decoded.destroy();
    fileStream.destroy();
  }
}

function isZlibError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('Z_');
}
