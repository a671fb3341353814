import { type z } from 'zod';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Raised at start-up, naming every bad variable, so an operator fixes them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = /PASSWORD|TOKEN|SECRET/;

export function loadConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  // Empty strings mean "unset", as in most deployment tools' templating.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const value = present[name];
    const shown = value === undefined ? 'unset' : SECRET.test(name) ? 'set (hidden)' : JSON.stringify(value);
    return `${name}: ${issue.message} (got ${shown})`;
  });
  throw new ConfigError(problems);
}
