import { z } from 'zod';

/** A W3C trace context `traceparent` (version-traceId-parentId-flags), carried so one run is one trace. */
export const Traceparent = z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
