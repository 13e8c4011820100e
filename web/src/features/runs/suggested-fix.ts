import type { RunError } from '../../../../shared/contracts/run';

/**
 * What to do about a run's error. The server's own `suggestedFix` wins; these cover the codes it
 * records without one, so the run page always says what to try next.
 */
const fallbackFixes: Partial<Record<string, string>> = {
  RENDER_FAILED: 'Retry the run; if the render keeps failing, preview the template with a small data set.',
  RENDER_TIMEOUT: 'Retry the run; for very large PDFs reduce the rows or split the report.',
  STORAGE_UNAVAILABLE: 'Storage was unreachable; retry the run in a few minutes.',
  SERVICE_UNAVAILABLE: 'A service the run needs was unavailable; retry the run in a few minutes.',
  OUTBOUND_BLOCKED:
    'The data source address is not allowed: use a public host or ask an admin to allowlist it.',
  OUTBOUND_FAILED: 'The data source did not answer; check it is up and retry the run.',
  TRANSFORM_FAILED: 'Check the report transforms against the columns the query returns.',
  QUOTA_EXCEEDED: "Wait for tomorrow's quota or ask an admin to raise the tier.",
  RETRIES_EXHAUSTED: 'Every attempt failed; check the step marked failed below, fix it, then retry.',
  CANCELLED: 'Someone cancelled this run; retry it to produce the report.',
  INTERNAL: 'Retry the run; if it fails again, contact support with the run id.',
};

export function suggestFix(error: RunError): string | null {
  return error.suggestedFix ?? fallbackFixes[error.code] ?? null;
}
