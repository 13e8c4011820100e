import { describe, expect, it } from 'vitest';
import { DeliveryTargetRequest } from '../../../../shared/contracts/delivery-target';
import { emptyTarget, targetRequest, targetToModel } from './delivery-target-form';

describe('delivery target form', () => {
  it('splits pasted recipients and validates each with the API contract', () => {
    const body = targetRequest({
      ...emptyTarget(),
      name: 'Finance',
      recipientsText: 'a@x.com; b@x.com\nnot-an-email',
    });
    const result = DeliveryTargetRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['config.recipients.2']);
  });

  it('round-trips a webhook target through the form', () => {
    const stored = {
      id: 't1',
      tenantId: 'demo',
      type: 'webhook' as const,
      name: 'Intake',
      active: true,
      createdBy: 'me',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      config: { url: 'https://hooks.example.com/x', secretRef: 'secret:hook' },
    };
    const body = DeliveryTargetRequest.parse(targetRequest(targetToModel(stored)));
    expect(body).toEqual({ type: 'webhook', name: 'Intake', active: true, config: stored.config });
  });

  it('a Slack bot token needs a channel; a raw secret is refused with a hint', () => {
    const bot = DeliveryTargetRequest.safeParse(
      targetRequest({
        ...emptyTarget(),
        type: 'slack',
        name: 's',
        slackMode: 'bot',
        botTokenRef: 'secret:SLACK',
      }),
    );
    expect(bot.error?.issues[0]?.path).toEqual(['config', 'channel']);
    const raw = DeliveryTargetRequest.safeParse(
      targetRequest({
        ...emptyTarget(),
        type: 'slack',
        name: 's',
        webhookUrlRef: 'https://hooks.slack.com/x',
      }),
    );
    expect(raw.error?.issues[0]?.message).toMatch(/raw secret/);
  });
});
