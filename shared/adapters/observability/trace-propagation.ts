import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export { SpanKind };

/**
 * The active span as a W3C `traceparent`, to carry across a queue or into an orchestration; undefined when
 * no OpenTelemetry SDK is started (no APPLICATIONINSIGHTS_CONNECTION_STRING): the API is then a no-op.
 */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs `work` in a span that is a child of `traceparent` (else of the active span, if any), active for
 * everything `work` calls — logs, outbound HTTP, published messages. Without an SDK only `work` runs.
 */
export function inSpanFrom<T>(
  name: string,
  traceparent: string | undefined,
  kind: SpanKind,
  work: () => Promise<T>,
): Promise<T> {
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : context.active();
  return trace.getTracer('report-scheduler').startActiveSpan(name, { kind }, parent, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** A `traceparent` from a message's application properties (Service Bus) or local envelope, if any. */
export function traceparentOf(properties: unknown): string | undefined {
  if (typeof properties !== 'object' || properties === null) return undefined;
  const value = (properties as Record<string, unknown>).traceparent;
  return typeof value === 'string' ? value : undefined;
}
