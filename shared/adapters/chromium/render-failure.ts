import { AppError } from '../../domain/errors';

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
