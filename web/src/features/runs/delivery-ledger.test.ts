import { describe, expect, it } from 'vitest';
import {
  describeProviderResponse,
  groupDeliveriesByRecipient,
  redrivableDeliveries,
} from './delivery-ledger';
import { aDelivery } from './run-fixtures';

describe('groupDeliveriesByRecipient', () => {
  it('one group per recipient, recipients with a failure first, worst delivery first', () => {
    const groups = groupDeliveriesByRecipient([
      aDelivery({ id: '1', recipient: 'ann@x.com' }),
      aDelivery({ id: '2', recipient: 'bob@x.com', channel: 'email' }),
      aDelivery({ id: '3', recipient: 'bob@x.com', channel: 'link', status: 'dead' }),
      aDelivery({ id: '4', recipient: 'cy@x.com', status: 'sending' }),
    ]);
    expect(groups.map((g) => [g.recipient, g.failed])).toEqual([
      ['bob@x.com', true],
      ['ann@x.com', false],
      ['cy@x.com', false],
    ]);
    expect(groups[0]!.deliveries.map((d) => d.id)).toEqual(['3', '2']);
  });
});

describe('redrivableDeliveries', () => {
  it('keeps only dead and failed ones', () => {
    const list = ['sent', 'failed', 'dead', 'pending', 'sending'].map((status, i) =>
      aDelivery({ id: String(i), status: status as 'sent' }),
    );
    expect(redrivableDeliveries(list).map((d) => d.status)).toEqual(['failed', 'dead']);
  });
});

describe('describeProviderResponse', () => {
  it('SMTP code and message id for email, HTTP for webhooks, dash when nothing is known', () => {
    expect(describeProviderResponse(aDelivery())).toBe('SMTP 250 · id <m1@example>');
    expect(
      describeProviderResponse(aDelivery({ channel: 'webhook', statusCode: 500, providerMessageId: null })),
    ).toBe('HTTP 500');
    expect(describeProviderResponse(aDelivery({ statusCode: null, providerMessageId: null }))).toBe('—');
  });
});
