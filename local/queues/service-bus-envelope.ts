import type * as core from '@azure/functions-core';
import { z } from 'zod';
import { jsonData, sysMetadata, toTriggerData, type ReceivedMessage } from './queue-message';

/**
 * What the local Service Bus fake writes into the stand-in storage queue (encoded like any queue
 * message, base64 by default):
 *
 *   {"body": <string | any JSON value>, "messageId"?: string, "contentType"?: string,
 *    "correlationId"?: string, "subject"?: string, "sessionId"?: string, "replyTo"?: string,
 *    "to"?: string, "enqueuedTimeUtc"?: ISO string, "applicationProperties"?: {name: value}}
 *
 * A string body reaches the function as that string; any other JSON value as its JSON text. A message
 * that is not such an envelope (only these keys, "body" required) is taken whole as the body.
 */
export const serviceBusEnvelopeSchema = z
  .object({
    body: z.unknown(),
    messageId: z.string().optional(),
    contentType: z.string().optional(),
    correlationId: z.string().optional(),
    subject: z.string().optional(),
    sessionId: z.string().optional(),
    replyTo: z.string().optional(),
    to: z.string().optional(),
    enqueuedTimeUtc: z.iso.datetime({ offset: true }).optional(),
    applicationProperties: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((e) => 'body' in e, { message: 'body is required' });

export type ServiceBusEnvelope = z.infer<typeof serviceBusEnvelopeSchema>;

/** Reads an envelope from decoded message bytes; undefined when the message is a bare body. */
export function parseServiceBusEnvelope(body: Buffer): ServiceBusEnvelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = serviceBusEnvelopeSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Builds a Service Bus trigger's input and metadata (cardinality "one", or "many" as a batch of one). */
export function serviceBusInvocation(
  fn: { name: string; triggerName: string; cardinality: 'one' | 'many' },
  message: ReceivedMessage,
  decoded: Buffer,
): { data: core.RpcTypedData; triggerMetadata: Record<string, core.RpcTypedData> } {
  const envelope = parseServiceBusEnvelope(decoded);
  const content =
    envelope === undefined
      ? decoded
      : Buffer.from(
          typeof envelope.body === 'string' ? envelope.body : JSON.stringify(envelope.body ?? null),
          'utf8',
        );
  const values: Record<string, unknown> = {
    MessageId: envelope?.messageId ?? message.messageId,
    DeliveryCount: message.dequeueCount,
    EnqueuedTimeUtc: envelope?.enqueuedTimeUtc ?? message.insertedOn.toISOString(),
    ExpiresAtUtc: message.expiresOn.toISOString(),
    ContentType: envelope?.contentType,
    CorrelationId: envelope?.correlationId,
    Subject: envelope?.subject,
    Label: envelope?.subject,
    SessionId: envelope?.sessionId,
    ReplyTo: envelope?.replyTo,
    To: envelope?.to,
    ApplicationProperties: envelope?.applicationProperties,
    UserProperties: envelope?.applicationProperties,
  };
  const triggerMetadata: Record<string, core.RpcTypedData> = { sys: sysMetadata(fn.name) };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (fn.cardinality === 'many') triggerMetadata[`${key}Array`] = jsonData([value]);
    else triggerMetadata[key] = typeof value === 'string' ? { string: value } : jsonData(value);
  }
  const single = toTriggerData(content);
  if (fn.cardinality === 'one') return { data: single, triggerMetadata };
  const data: core.RpcTypedData =
    single.string !== undefined && single.string !== null
      ? { collectionString: { string: [single.string] } }
      : { collectionBytes: { bytes: [content] } };
  return { data, triggerMetadata };
}
