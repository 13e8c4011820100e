// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrorsOf, toApiError } from './api-error';

describe('toApiError', () => {
  it('reads the error envelope: code, message, details, requestId', () => {
    const error = toApiError(
      400,
      {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Invalid body: "cronExpr" is invalid',
          details: { location: 'body', field: 'cronExpr' },
          requestId: 'req-1',
          timestamp: '2025-01-01T00:00:00.000Z',
        },
      },
      'header-id',
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Invalid body: "cronExpr" is invalid',
      details: { location: 'body', field: 'cronExpr' },
      requestId: 'req-1',
    });
  });

  it('falls back to plain words and the X-Request-Id header when the body is no envelope', () => {
    const error = toApiError(502, '<html>Bad gateway</html>', 'hdr-7');
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR', requestId: 'hdr-7', details: {} });
    expect(error.message).toContain('HTTP 502');
    expect(toApiError(412, undefined, null).message).toBe(
      'Someone else changed this item after you opened it.',
    );
    expect(toApiError(0, undefined, null).code).toBe('NETWORK_ERROR');
  });
});

describe('fieldErrorsOf', () => {
  it('keys the issues by field path, first message per field', () => {
    const errors = fieldErrorsOf({
      location: 'body',
      field: 'emailDelivery.recipients[1]',
      issues: [
        { field: 'emailDelivery.recipients[1]', code: 'invalid_format', message: 'must be an email address' },
        { field: 'emailDelivery.recipients[1]', code: 'custom', message: 'second' },
        { field: 'name', code: 'too_small', message: 'Too small' },
      ],
    });
    expect(errors).toEqual({ 'emailDelivery.recipients[1]': 'must be an email address', name: 'Too small' });
  });

  it('places a domain error naming one field on that field', () => {
    const error = toApiError(
      400,
      {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Unknown delivery target t9',
          details: { field: 'deliveryTargetIds' },
          requestId: 'r',
          timestamp: '2025-01-01T00:00:00.000Z',
        },
      },
      null,
    );
    expect(error.fieldErrors()).toEqual({ deliveryTargetIds: 'Unknown delivery target t9' });
  });
});
