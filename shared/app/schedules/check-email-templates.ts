import { Liquid } from 'liquidjs';
import type { EmailDelivery } from '../../contracts/schedule-email-delivery';
import { invalidField } from '../validation/invalid-field';

const liquid = new Liquid();

/** The subject and body templates must parse as Liquid: a broken template fails on save, not on delivery. */
export function checkEmailTemplates(email: EmailDelivery | undefined): void {
  for (const field of ['subjectTemplate', 'bodyTemplate'] as const) {
    const template = email?.[field];
    if (template === undefined) continue;
    try {
      liquid.parse(template);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : 'it does not parse';
      throw invalidField(`emailDelivery.${field}`, 'invalid_template', `is not a valid template: ${reason}`);
    }
  }
}
