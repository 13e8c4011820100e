import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../domain/errors';
import { renderTimeoutError, rendersInJob } from './render-job-route';

describe('rendersInJob', () => {
  const policy = { minRows: 1_000, timeoutSeconds: 900 };

  it('sends PDF and HTML renders of at least minRows rows to the job', () => {
    expect(rendersInJob(policy, 'pdf', 1_000)).toBe(true);
    expect(rendersInJob(policy, 'html', 5_000)).toBe(true);
    expect(rendersInJob(policy, 'pdf', 999)).toBe(false);
    expect(rendersInJob(policy, 'html', 0)).toBe(false);
  });

  it('keeps CSV and JSON in-process at any size: they stream in constant memory', () => {
    expect(rendersInJob(policy, 'csv', 10_000_000)).toBe(false);
    expect(rendersInJob(policy, 'json', 10_000_000)).toBe(false);
  });

  it('keeps everything in-process when the job queue is off', () => {
    expect(rendersInJob(undefined, 'pdf', 10_000_000)).toBe(false);
  });
});

describe('renderTimeoutError', () => {
  it('is RENDER_TIMEOUT, names the format and the wait, and suggests a fix', () => {
    const error = renderTimeoutError('pdf', 900);
    expect(error.code).toBe('RENDER_TIMEOUT');
    expect(errorCatalog.RENDER_TIMEOUT.status).toBe(504);
    expect(error.message).toContain('PDF');
    expect(error.message).toContain('900 s');
    expect(error.suggestedFix).toMatch(/RENDER_JOB_TIMEOUT_SECONDS/);
  });
});
