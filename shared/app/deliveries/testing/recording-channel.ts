// Test double (not shipped): a fake DeliveryChannel that records every send and fails on demand.
import {
  DeliveryFailure,
  type ChannelKind,
  type Delivery,
  type DeliveryChannel,
} from '../../../ports/delivery-channel';

export interface RecordedSend {
  deliveryId: string;
  delivery: Delivery;
  attachmentBytes: Buffer | null;
}

type Step = 'ok' | 'transient' | 'permanent' | { retryAfterMs: number } | (() => Promise<void>);

/**
 * A fake channel: each `send` takes the next scripted step (default `ok`), records the delivery (with
 * the attachment read, as a real channel would) and resolves or throws a DeliveryFailure.
 */
export function createRecordingChannel(kind: ChannelKind, maxAttachmentBytes = 10 * 1024 * 1024) {
  const sends: RecordedSend[] = [];
  const script: Step[] = [];
  const channel: DeliveryChannel & { sends: RecordedSend[]; script: Step[] } = {
    kind,
    maxAttachmentBytes,
    sends,
    script,
    async send(delivery) {
      const step = script.shift() ?? 'ok';
      if (typeof step === 'function') await step();
      sends.push({
        deliveryId: delivery.deliveryId,
        delivery,
        attachmentBytes: delivery.attachment ? await delivery.attachment.read() : null,
      });
      if (step === 'transient')
        throw new DeliveryFailure('receiver answered 503', false, { statusCode: 503 });
      if (step === 'permanent') throw new DeliveryFailure('receiver answered 410', true, { statusCode: 410 });
      if (typeof step === 'object')
        throw new DeliveryFailure('receiver answered 429', false, {
          statusCode: 429,
          retryAfterMs: step.retryAfterMs,
        });
      return { statusCode: 250, providerMessageId: `<${delivery.deliveryId}@test>`, latencyMs: 1 };
    },
  };
  return channel;
}
