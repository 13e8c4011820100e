import { describe, expect, it } from 'vitest';
import { renderEmail } from './email-message';

describe('renderEmail', () => {
  it('a subject template that does not parse is a permanent TEMPLATE_ERROR (not retried)', () => {
    const vars = { reportName: 'Sales' } as unknown as Parameters<typeof renderEmail>[1];
    expect(() => renderEmail({ subject: 'Sales {{ reportName' }, vars)).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_ERROR', retryable: false }) as Error,
    );
  });
});
