import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTraceparent, inSpanFrom, SpanKind, traceparentOf } from './trace-propagation';

// A real OpenTelemetry SDK (in-memory exporter) stands in for the Azure Monitor one, which registers the
// same W3C propagator and async context.
const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();
const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});
afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

describe('trace propagation', () => {
  it('HTTP → message → consumer → orchestration input → activity stays one trace, each span a child', async () => {
    let published: string | undefined;
    let orchestrationInput: string | undefined;
    await inSpanFrom('POST /api/v1/reports/{id}/runs', incoming, SpanKind.SERVER, () => {
      published = currentTraceparent(); // what the bus puts in applicationProperties
      return Promise.resolve();
    });
    await inSpanFrom(
      'consume execution-requests',
      traceparentOf({ traceparent: published }),
      SpanKind.CONSUMER,
      () => {
        orchestrationInput = currentTraceparent(); // RunRef.traceparent
        return Promise.resolve();
      },
    );
    await inSpanFrom(
      'activity startRun',
      traceparentOf({ tenantId: 't', traceparent: orchestrationInput }),
      SpanKind.INTERNAL,
      () => Promise.resolve(),
    );
    const [http, consumer, activity] = exporter.getFinishedSpans();
    const traceIds = [http, consumer, activity].map((s) => s!.spanContext().traceId);
    expect(traceIds).toEqual(Array(3).fill('0af7651916cd43dd8448eb211c80319c'));
    expect(http!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(consumer!.parentSpanContext?.spanId).toBe(http!.spanContext().spanId);
    expect(activity!.parentSpanContext?.spanId).toBe(consumer!.spanContext().spanId);
    expect(consumer!.kind).toBe(SpanKind.CONSUMER);
  });

  it('marks a failed span and rethrows', async () => {
    exporter.reset();
    await expect(
      inSpanFrom('activity extractData', undefined, SpanKind.INTERNAL, () =>
        Promise.reject(new Error('boom')),
      ),
    ).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status.code).toBe(2);
    expect(span!.events[0]?.name).toBe('exception');
  });

  it('reads a traceparent only where it is a string', () => {
    expect(traceparentOf({ traceparent: incoming })).toBe(incoming);
    expect(traceparentOf({ traceparent: 3 })).toBeUndefined();
    expect(traceparentOf(undefined)).toBeUndefined();
  });
});
