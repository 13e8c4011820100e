import {
  DeliveryFailure,
  type ChannelAddress,
  type Delivery,
  type DeliveryAttachment,
} from '../../../ports/delivery-channel';

/** A delivery as the use case would hand it over; tests override what they look at. */
export function sampleDelivery(address: ChannelAddress, overrides: Partial<Delivery> = {}): Delivery {
  return {
    deliveryId: 'dlv_01HZX5Q6W2Y7',
    tenantId: 'tenant-a',
    address,
    subject: 'Sales by region — 2026-11-28',
    text: 'Your report is ready: https://example.test/d/abc',
    html: '<p>Your report is ready: <a href="https://example.test/d/abc">download</a></p>',
    downloadUrl: 'https://example.test/d/abc?sig=xyz',
    payload: { id: 'dlv_01HZX5Q6W2Y7', type: 'artifact.delivered', data: { name: 'Sales — €' } },
    ...overrides,
  };
}

export function sampleAttachment(
  bytes: Buffer,
  fileName = 'sales.csv',
  contentType = 'text/csv',
): DeliveryAttachment {
  return { fileName, contentType, bytes: bytes.length, read: () => Promise.resolve(bytes) };
}

/** The DeliveryFailure a send rejected with (fails the test if it resolved or threw something else). */
export async function failureOf(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryFailure))
    throw new Error(
      `expected a DeliveryFailure, got ${err === undefined ? 'success' : err instanceof Error ? err.message : typeof err}`,
    );
  return err;
}
