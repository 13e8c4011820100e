import { AppError } from '../../domain/errors';
import { StepTimeout } from './deadline';

/**
 * What the document did with the browser healthy: it did not print within the budget (RENDER_TIMEOUT) or
 * could not be printed (RENDER_FAILED), not retryable — the same HTML fails the same way again.
 */
export function documentFailed(step: string, err: unknown, budgetMs: number): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof StepTimeout)
    return new AppError(
      'RENDER_TIMEOUT',
      `The document did not ${step === 'print' ? 'print' : 'render'} within the PDF time limit of ${budgetMs} ms`,
      {
        step,
        timeoutMs: budgetMs,
        suggestedFix:
          'Make the document lighter: fewer rows per report (filter or aggregate in the query), no oversized elements (huge heights, widths or images).',
      },
      { cause: err },
    );
  const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown';
  return new AppError(
    'RENDER_FAILED',
    `The document cannot be printed (${step}): ${reason}`,
    {
      step,
      reason,
      suggestedFix: 'Check the PDF options (page size, margins leave room for content) and the template.',
    },
    { cause: err, retryable: false },
  );
}

/** The document navigated away from itself (a meta refresh, a link): what would print is not the report. */
export function documentNavigated(): AppError {
  return new AppError(
    'RENDER_FAILED',
    'The document navigated away from itself while it was printed (e.g. <meta http-equiv="refresh">)',
    {
      step: 'load',
      suggestedFix:
        'Remove the <meta http-equiv="refresh"> (or anything else that navigates) from the template.',
    },
    { retryable: false },
  );
}

/** Any failure inside Chromium: RENDER_FAILED, retryable (a relaunched browser or another worker may succeed). */
export function renderFailed(step: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown';
  return new AppError(
    'RENDER_FAILED',
    `PDF render failed at ${step}: ${reason}`,
    { step, reason },
    {
      cause: err,
      retryable: true,
    },
  );
}
