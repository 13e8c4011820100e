import { z } from 'zod';
import { NameText } from './text';
import { pageQuerySchema } from './common';
import { Id, IsoDateTime, TenantId } from './primitives';
import { confineSecretRefs, SecretRef } from './tenant-secret';

export { SecretRef };

export const EmailConfig = z.strictObject({
  recipients: z.array(z.email()).min(1).max(50),
  /** Liquid, e.g. `{{ reportName }} - {{ executionDate }}`. */
  subjectTemplate: z.string().min(1).max(1000).optional(),
  /** Attach the PDF (above the channel's size limit a signed link is sent instead). */
  attachPdf: z.boolean().optional(),
});

export const WebhookConfig = z.strictObject({
  /** https (plain http only for a host:port listed in OUTBOUND_ALLOWLIST). */
  url: z.url().max(2048),
  /** The key that signs each delivery (HMAC-SHA256). */
  secretRef: SecretRef,
  /**
   * During a rotation, the key being retired: deliveries carry a `v1=` for each key, so the receiver
   * can switch keys at any time. Remove it once the receiver uses the new one.
   */
  previousSecretRef: SecretRef.optional(),
});

export const SlackConfig = z
  .strictObject({
    /** An incoming-webhook URL, as a reference (the URL itself is a credential). */
    webhookUrlRef: SecretRef.optional(),
    /** A bot token, as a reference, with the channel to post in. */
    botTokenRef: SecretRef.optional(),
    channel: z
      .string()
      .regex(
        /^(#?[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{6,20})$/,
        'must be a channel name (#reports) or id (C0123456)',
      )
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.webhookUrlRef !== undefined && (c.botTokenRef !== undefined || c.channel !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['webhookUrlRef'],
        message: 'use either webhookUrlRef, or botTokenRef with channel — not both',
      });
    else if (c.webhookUrlRef === undefined && c.botTokenRef === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['webhookUrlRef'],
        message: 'give webhookUrlRef, or botTokenRef with channel',
      });
    else if (c.botTokenRef !== undefined && c.channel === undefined)
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'is required with botTokenRef' });
  });

export const LinkConfig = z.strictObject({
  /** How long the signed download link stays valid. */
  expiresInHours: z.int().min(1).max(168).optional(),
});

const common = {
  name: NameText,
  active: z.boolean().optional(),
};

/** The body of `POST /v1/delivery-targets` and `PUT /v1/delivery-targets/{id}`; `config` depends on `type`. */
export const DeliveryTargetRequest = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('email'), ...common, config: EmailConfig }),
    z.strictObject({ type: z.literal('webhook'), ...common, config: WebhookConfig }),
    z.strictObject({ type: z.literal('slack'), ...common, config: SlackConfig }),
    z.strictObject({ type: z.literal('link'), ...common, config: LinkConfig }),
  ])
  .superRefine(confineSecretRefs)
  .meta({ id: 'DeliveryTargetRequest' });
export type DeliveryTargetRequest = z.infer<typeof DeliveryTargetRequest>;

const stored = {
  id: Id,
  tenantId: TenantId,
  name: z.string().min(1).max(200),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** A delivery target as stored and as the API shows it: secrets appear only as references. */
export const DeliveryTarget = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('email'), ...stored, config: EmailConfig }),
    z.strictObject({ type: z.literal('webhook'), ...stored, config: WebhookConfig }),
    z.strictObject({ type: z.literal('slack'), ...stored, config: SlackConfig }),
    z.strictObject({ type: z.literal('link'), ...stored, config: LinkConfig }),
  ])
  .meta({ id: 'DeliveryTarget' });
export type DeliveryTarget = z.infer<typeof DeliveryTarget>;

export const ListDeliveryTargetsQuery = pageQuerySchema.extend({
  type: z.enum(['email', 'webhook', 'slack', 'link']).optional(),
});
