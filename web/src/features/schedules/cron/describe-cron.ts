import cronstrue from 'cronstrue';

/** The expression in plain English (`At 08:00, Monday through Friday`), or null when cronstrue cannot read it. */
export function describeCron(expression: string): string | null {
  try {
    return cronstrue.toString(expression, {
      use24HourTimeFormat: true,
      verbose: false,
      throwExceptionOnParseError: true,
    });
  } catch {
    return null;
  }
}
