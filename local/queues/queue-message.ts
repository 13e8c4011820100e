import type * as core from '@azure/functions-core';
import { randomUUID } from 'node:crypto';

/** A message as received from a storage queue (the SDK's DequeuedMessageItem). */
export interface ReceivedMessage {
  messageId: string;
  insertedOn: Date;
  expiresOn: Date;
  nextVisibleOn: Date;
  popReceipt: string;
  dequeueCount: number;
  messageText: string;
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes the message text per host.json `messageEncoding`; undefined when it is not valid base64. */
export function decodeMessageText(text: string, encoding: 'base64' | 'none'): Buffer | undefined {
  if (encoding === 'none') return Buffer.from(text, 'utf8');
  const compact = text.replace(/\s+/g, '');
  return base64.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or undefined for binary content. */
export function asText(body: Buffer): string | undefined {
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

/** The trigger value: text as `string` (the library parses JSON), binary as `bytes`. */
export function toTriggerData(body: Buffer): core.RpcTypedData {
  const text = asText(body);
  return text === undefined ? { bytes: body } : { string: text };
}

export const jsonData = (value: unknown): core.RpcTypedData => ({ json: JSON.stringify(value) });

export function sysMetadata(functionName: string): core.RpcTypedData {
  return jsonData({ MethodName: functionName, UtcNow: new Date().toISOString(), RandGuid: randomUUID() });
}

/** Trigger metadata of a storage queue trigger, as the host sends it. */
export function storageQueueMetadata(
  functionName: string,
  message: ReceivedMessage,
  body: Buffer,
): Record<string, core.RpcTypedData> {
  return {
    QueueTrigger: { string: asText(body) ?? body.toString('base64') },
    Id: { string: message.messageId },
    DequeueCount: jsonData(message.dequeueCount),
    InsertionTime: jsonData(message.insertedOn.toISOString()),
    ExpirationTime: jsonData(message.expiresOn.toISOString()),
    NextVisibleTime: jsonData(message.nextVisibleOn.toISOString()),
    PopReceipt: { string: message.popReceipt },
    sys: sysMetadata(functionName),
  };
}
