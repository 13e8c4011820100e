import { DeliveryFailure } from '../../ports/delivery-channel';
import type { OutboundHttpClient } from '../http/outbound-http-client';
import { failureFromError, failureFromStatus, parseRetryAfter } from './http-send-outcome';

/** Slack `error` values that may clear up by themselves; any other `ok: false` will not. */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export interface SlackCall {
  http: OutboundHttpClient;
  clock: () => Date;
  timeoutMs: number;
}

/**
 * One Web API call (`<base>/<method>`). Slack answers most failures with HTTP 200 and
 * `{"ok":false,"error":"…"}`: `ratelimited` and server errors are transient (Retry-After honoured),
 * `invalid_auth`, `channel_not_found`, `not_in_channel` and the rest permanent.
 */
export async function callSlack(
  call: SlackCall,
  url: string,
  init: { token: string; json?: unknown; form?: Record<string, string> },
): Promise<Record<string, unknown>> {
  const body =
    init.json !== undefined ? JSON.stringify(init.json) : new URLSearchParams(init.form).toString();
  const contentType =
    init.json !== undefined ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded';
  const method = url.slice(url.lastIndexOf('/') + 1);
  let res;
  try {
    res = await call.http.request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${init.token}`, 'content-type': contentType },
      body,
      timeoutMs: call.timeoutMs,
      maxResponseBytes: 1024 * 1024,
    });
  } catch (err) {
    throw failureFromError(`Slack ${method} failed`, err, 0);
  }
  if (res.status < 200 || res.status >= 300)
    throw failureFromStatus(`Slack ${method}`, res.status, res.headers['retry-after'], 0, call.clock());
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new DeliveryFailure(`Slack ${method} answered something other than JSON`, false, {
      statusCode: res.status,
    });
  }
  if (answer.ok === true) return answer;
  const error = typeof answer.error === 'string' ? answer.error : 'unknown_error';
  const transient = TRANSIENT_ERRORS.has(error);
  const retryAfterMs = transient ? parseRetryAfter(res.headers['retry-after'], call.clock()) : undefined;
  throw new DeliveryFailure(`Slack ${method} answered ${error}`, !transient, {
    statusCode: res.status,
    code: error,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
