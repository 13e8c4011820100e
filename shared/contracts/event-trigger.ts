import { z } from 'zod';
import { FreeText, NameText } from './text';
import { pageQuerySchema } from './common';
import { Id, IsoDateTime, TenantId } from './primitives';
import { ParameterValues } from './schedule';

/** A secret encrypted with AES-256-GCM under the server's key (`keyId` names that key), base64url parts. */
export const SealedSecret = z.strictObject({
  keyId: z.string().min(1).max(64),
  iv: z.string().min(1),
  tag: z.string().min(1),
  data: z.string().min(1),
});
export type SealedSecret = z.infer<typeof SealedSecret>;

/** An event trigger as stored: the signing secret only sealed (HMAC verification needs it back). */
export const EventTrigger = z.strictObject({
  id: Id,
  tenantId: TenantId,
  reportId: Id,
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  active: z.boolean(),
  secret: SealedSecret,
  secretRotatedAt: IsoDateTime,
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type EventTrigger = z.infer<typeof EventTrigger>;

/** The body of `POST /v1/event-triggers` and `PUT /v1/event-triggers/{id}`. */
export const EventTriggerRequest = z
  .strictObject({
    name: NameText,
    reportId: Id,
    description: FreeText(2000).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'EventTriggerRequest' });
export type EventTriggerRequest = z.infer<typeof EventTriggerRequest>;

/** A trigger as the API shows it: never its secret, plus the URL integrators call. */
export const EventTriggerResource = EventTrigger.omit({ secret: true })
  .extend({ url: z.url() })
  .meta({ id: 'EventTrigger' });
export type EventTriggerResource = z.infer<typeof EventTriggerResource>;

/** Create and rotate-secret answer the secret once; it cannot be read again. */
export const EventTriggerWithSecret = EventTriggerResource.extend({
  secret: z.string().meta({ description: 'The signing secret: shown once, store it now' }),
}).meta({ id: 'EventTriggerWithSecret' });

export const ListEventTriggersQuery = pageQuerySchema.extend({ reportId: Id.optional() });

/** `POST /v1/triggers/{triggerId}`: values for the report's declared parameters. */
export const FireTriggerRequest = z
  .strictObject({ parameters: ParameterValues.default({}) })
  .meta({ id: 'FireTriggerRequest' });

export const FireTriggerResponse = z.strictObject({ runId: Id });

export const triggerParamsSchema = z.strictObject({ triggerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
