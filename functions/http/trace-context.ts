import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceIds {
  traceId: string;
  spanId: string;
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Trace id from a W3C `traceparent` (the host's or the caller's), else a new one; a fresh span id for this request. */
export function traceIdsFrom(...traceparents: (string | null | undefined)[]): TraceIds {
  // With OpenTelemetry exporting, the request's span is active: log lines carry its ids (docs/telemetry.md).
  const active = trace.getActiveSpan()?.spanContext();
  if (active && isSpanContextValid(active)) return { traceId: active.traceId, spanId: active.spanId };
  const spanId = randomBytes(8).toString('hex');
  for (const value of traceparents) {
    const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
    if (match && !/^0+$/.test(match[1]!)) return { traceId: match[1]!, spanId };
  }
  return { traceId: randomBytes(16).toString('hex'), spanId };
}
