import { renderJobFormats } from '../../contracts/render-jobs';
import type { OutputFormat } from '../../contracts/report';
import type { RunError } from '../../contracts/run';
import type { StartedRun } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import { toRunError } from './run-error';

export type RenderJobPolicy = NonNullable<Extract<StartedRun, { ok: true }>['renderJob']>;

/**
 * Whether a render goes to the render job queue: PDF and HTML from `minRows` rows up. CSV and JSON stream
 * in constant memory, so they stay in-process at any size. Pure, so the orchestrator may call it.
 */
export function rendersInJob(
  policy: RenderJobPolicy | undefined,
  format: OutputFormat,
  rowCount: number,
): boolean {
  return policy !== undefined && renderJobFormats.includes(format) && rowCount >= policy.minRows;
}

/** The run's error when the render job did not report back in time. */
export function renderTimeoutError(format: OutputFormat, timeoutSeconds: number): RunError {
  return toRunError(
    new AppError(
      'RENDER_TIMEOUT',
      `The ${format.toUpperCase()} render job did not finish within ${timeoutSeconds} s`,
      {
        format,
        suggestedFix:
          'Retry the run. If it times out again, reduce the rows the template renders (aggregate or filter) ' +
          'or ask an operator to check the render job (its queue, poison queue and logs) and RENDER_JOB_TIMEOUT_SECONDS.',
      },
    ),
  );
}
