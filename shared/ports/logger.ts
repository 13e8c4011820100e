/** Structured fields of one log line (the adapter hashes email addresses in them before writing). */
export type LogFields = Record<string, unknown>;

export interface LogMethod {
  (fields: LogFields, message?: string): void;
  (message: string): void;
}

/** The service's structured logger: JSON lines in production (pino), whatever a test needs in tests. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger whose every line carries `bindings` as well. */
  child(bindings: LogFields): Logger;
}
