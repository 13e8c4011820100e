import { Liquid } from 'liquidjs';
import type { EmailDelivery } from '../../contracts/schedule-email-delivery';
import { invalidField } from '../validation/invalid-field';

const liquid = new Liquid();

/** The subject and body templates must parse as Liquid: a broken template fails on save, not on delivery. */
export function checkEmailTemplates(email: EmailDelivery | undefined): void {
  for (const field of ['subjectTemplate', 'bodyTemplate'] as const)
    checkLiquidTemplate(email?.[field], `emailDelivery.${field}`);
}

/** One template (a schedule's or an email target's) that must parse as Liquid; 400 naming `field` if not. */
export function checkLiquidTemplate(template: string | undefined, field: string): void {
  if (template === undefined) return;
  try {
    liquid.parse(template);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'it does not parse';
    throw invalidField(field, 'invalid_template', `is not a valid template: ${reason}`);
  }
}
