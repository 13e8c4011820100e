import type { DeliveryChannel } from '../../ports/delivery-channel';

/**
 * A signed download link is the delivery: nothing is sent. The use case records the link (the
 * delivery's `downloadUrl`) in the receipt; this channel only says "accepted", at once.
 */
export function createLinkChannel(): DeliveryChannel {
  return {
    kind: 'link',
    maxAttachmentBytes: 0,
    send(delivery) {
      if (delivery.address.kind !== 'link')
        return Promise.reject(new Error(`link channel got a ${delivery.address.kind} address`));
      return Promise.resolve({ latencyMs: 0 });
    },
  };
}
