/** A query the endpoint cannot answer; becomes a 400 naming the parameter. */
export class FilterError extends Error {
  readonly parameter: string;

  constructor(
    parameter: string,
    readonly problem: string,
  ) {
    const shown = shorten(parameter);
    super(`${shown}: ${problem}`);
    this.name = 'FilterError';
    this.parameter = shown;
  }
}

/** How much of a client's text an error repeats: enough to recognise it, never the whole of a huge one. */
export const ECHO_MAX_CHARS = 100;

/** A client's text as an error quotes it, cut to ECHO_MAX_CHARS with the full length said. */
export function echo(text: string): string {
  return `"${shorten(text)}"`;
}

function shorten(text: string): string {
  if (text.length <= ECHO_MAX_CHARS) return text;
  return `${text.slice(0, ECHO_MAX_CHARS)}… (${text.length} characters)`;
}
