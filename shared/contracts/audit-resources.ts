import { z } from 'zod';
import { BoundedDate, BoundedInstant } from '../domain/time-bounds';
import { AuditEvent } from './audit-event';
import { pageQuerySchema } from './common';

/** A day (`2025-01-31`, the whole day) or an instant with offset (`2025-01-31T09:00:00Z`). */
export const DateBound = z.union([BoundedDate, BoundedInstant], {
  error: 'must be a date YYYY-MM-DD or a date-time with offset',
});

export const ListAuditEventsQuery = pageQuerySchema
  .extend({
    /** From this day or instant, inclusive. */
    startDate: DateBound.optional(),
    /** Up to this day (the whole day) or instant, inclusive. */
    endDate: DateBound.optional(),
    entityType: z
      .string()
      .regex(/^[a-z][a-z_]{0,63}$/, 'must be an entity type like report or delivery_target')
      .optional(),
  })
  .refine((q) => !q.startDate || !q.endDate || rangeKey(q.startDate) <= `${rangeKey(q.endDate)}\uffff`, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuery>;

/** The streamed export: a range (both ends optional, inclusive) and the format of its lines. */
export const ExportAuditEventsQuery = z
  .strictObject({
    startDate: DateBound.optional(),
    endDate: DateBound.optional(),
    format: z.enum(['csv', 'ndjson'], { error: 'must be csv or ndjson' }).default('ndjson'),
  })
  .refine((q) => !q.startDate || !q.endDate || rangeKey(q.startDate) <= `${rangeKey(q.endDate)}\uffff`, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type ExportAuditEventsQuery = z.infer<typeof ExportAuditEventsQuery>;

export const AuditEventResource = AuditEvent.meta({ id: 'AuditEvent' });

/**
 * A bound as a prefix of the audit log's `{timestamp}|{id}` row keys (UTC ISO instants): a day stays
 * `YYYY-MM-DD` (as an end it covers the whole day), an instant becomes its UTC ISO form.
 */
export const rangeKey = (bound: string) => (bound.length === 10 ? bound : new Date(bound).toISOString());
