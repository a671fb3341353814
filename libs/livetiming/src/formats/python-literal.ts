/**
 * Parses the subset of Python literal syntax that `repr()` of JSON-like data produces: `str` in
 * either quote style with backslash escapes, `int`/`float`, `True`/`False`/`None`, lists, tuples
 * and dicts, trailing commas allowed. FastF1 instead swaps every `'` for `"` and `True` for
 * `true` in the whole line, which corrupts strings containing an apostrophe or the word True;
 * a real parser does not. Throws SyntaxError with the position on anything else.
 */
export function parsePythonLiteral(text: string): unknown {
  const parser = new PythonLiteralParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
const WORDS: Record<string, unknown> = { True: true, False: false, None: null };

class PythonLiteralParser {
  private at = 0;

  constructor(private readonly text: string) {}

  value(): unknown {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === '[' || char === '(') return this.sequence(char === '[' ? ']' : ')');
    if (char === '{') return this.dict();
    if (char === "'" || char === '"') return this.string(char);
    const number = NUMBER.exec(this.text.slice(this.at));
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    for (const [word, value] of Object.entries(WORDS)) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw this.error(char === undefined ? 'unexpected end of input' : `unexpected '${char}'`);
  }

  end(): void {
    this.skipSpace();
    if (this.at < this.text.length) throw this.error(`unexpected '${this.text[this.at]}' after the value`);
  }

  private sequence(close: string): unknown[] {
    this.at += 1;
    const items: unknown[] = [];
    while (!this.closes(close)) {
      items.push(this.value());
      this.separator(close);
    }
    return items;
  }

  private dict(): Record<string, unknown> {
    this.at += 1;
    const entries: Record<string, unknown> = {};
    while (!this.closes('}')) {
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number')
        throw this.error('dict key is not a str or number');
      this.skipSpace();
      if (this.text[this.at] !== ':') throw this.error("expected ':' after dict key");
      this.at += 1;
      entries[String(key)] = this.value();
      this.separator('}');
    }
    return entries;
  }

  private string(quote: string): string {
    let result = '';
    for (this.at += 1; this.at < this.text.length; this.at += 1) {
      const char = this.text[this.at];
      if (char === quote) {
        this.at += 1;
        return result;
      }
      if (char !== '\\') {
        result += char;
        continue;
      }
      this.at += 1;
      const escaped = this.text[this.at];
      const hexLength = HEX_ESCAPE_LENGTHS[escaped] ?? 0;
      if (hexLength > 0) {
        const hex = this.text.slice(this.at + 1, this.at + 1 + hexLength);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) throw this.error('bad hex escape');
        result += String.fromCodePoint(parseInt(hex, 16));
        this.at += hexLength;
      } else {
        result += ESCAPES[escaped] ?? `\\${escaped}`;
      }
    }
    throw this.error('unterminated string');
  }

  private closes(close: string): boolean {
    this.skipSpace();
    if (this.text[this.at] !== close) return false;
    this.at += 1;
    return true;
  }

  private separator(close: string): void {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === ',') this.at += 1;
    else if (char !== close)
      throw this.error(
        char === undefined ? `unexpected end of input, expected '${close}'` : `expected ',' or '${close}'`,
      );
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at += 1;
  }

  private error(message: string): SyntaxError {
    return new SyntaxError(`${message} at position ${this.at}`);
  }
}
