import type { DeliveryTarget } from '../../../../shared/contracts/delivery-target';
import { optional, splitList } from '../../ui/crud/form-values';

export type TargetType = DeliveryTarget['type'];

/** Every field of every target type, flat, so switching type keeps what was typed. */
export interface DeliveryTargetModel {
  type: TargetType;
  name: string;
  active: boolean;
  recipientsText: string;
  subjectTemplate: string;
  attachPdf: boolean;
  url: string;
  secretRef: string;
  previousSecretRef: string;
  slackMode: 'webhook' | 'bot';
  webhookUrlRef: string;
  botTokenRef: string;
  channel: string;
  expiresInHours: string;
}

export const emptyTarget = (): DeliveryTargetModel => ({
  type: 'email',
  name: '',
  active: true,
  recipientsText: '',
  subjectTemplate: '',
  attachPdf: true,
  url: '',
  secretRef: '',
  previousSecretRef: '',
  slackMode: 'webhook',
  webhookUrlRef: '',
  botTokenRef: '',
  channel: '',
  expiresInHours: '',
});

export function targetToModel(t: DeliveryTarget): DeliveryTargetModel {
  const m = { ...emptyTarget(), type: t.type, name: t.name, active: t.active };
  switch (t.type) {
    case 'email':
      return {
        ...m,
        recipientsText: t.config.recipients.join('\n'),
        subjectTemplate: t.config.subjectTemplate ?? '',
        attachPdf: t.config.attachPdf ?? true,
      };
    case 'webhook':
      return {
        ...m,
        url: t.config.url,
        secretRef: t.config.secretRef,
        previousSecretRef: t.config.previousSecretRef ?? '',
      };
    case 'slack':
      return {
        ...m,
        slackMode: t.config.botTokenRef ? 'bot' : 'webhook',
        webhookUrlRef: t.config.webhookUrlRef ?? '',
        botTokenRef: t.config.botTokenRef ?? '',
        channel: t.config.channel ?? '',
      };
    case 'link':
      return {
        ...m,
        expiresInHours: t.config.expiresInHours === undefined ? '' : String(t.config.expiresInHours),
      };
  }
}

/** The request body of the chosen type (fields of the other types are left out). */
export function targetRequest(m: DeliveryTargetModel): unknown {
  const common = { type: m.type, name: m.name, active: m.active };
  switch (m.type) {
    case 'email':
      return {
        ...common,
        config: {
          recipients: splitList(m.recipientsText),
          subjectTemplate: optional(m.subjectTemplate),
          attachPdf: m.attachPdf,
        },
      };
    case 'webhook':
      return {
        ...common,
        config: {
          url: m.url.trim(),
          secretRef: m.secretRef.trim(),
          previousSecretRef: optional(m.previousSecretRef),
        },
      };
    case 'slack':
      return {
        ...common,
        config:
          m.slackMode === 'webhook'
            ? { webhookUrlRef: optional(m.webhookUrlRef) ?? '' }
            : { botTokenRef: optional(m.botTokenRef) ?? '', channel: optional(m.channel) },
      };
    case 'link':
      return {
        ...common,
        config: {
          expiresInHours: optional(m.expiresInHours) === undefined ? undefined : Number(m.expiresInHours),
        },
      };
  }
}

/** One line about where a target sends. */
export function describeTarget(t: DeliveryTarget): string {
  switch (t.type) {
    case 'email':
      return `Email to ${t.config.recipients.length} recipient${t.config.recipients.length === 1 ? '' : 's'}: ${t.config.recipients.slice(0, 3).join(', ')}${t.config.recipients.length > 3 ? ', …' : ''}`;
    case 'webhook':
      return `Webhook ${t.config.url}`;
    case 'slack':
      return t.config.channel ? `Slack ${t.config.channel}` : 'Slack incoming webhook';
    case 'link':
      return `Signed link valid ${t.config.expiresInHours ?? 168} h`;
  }
}
