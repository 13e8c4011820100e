import { z } from 'zod';

/** The optional email a schedule sends with each artifact. Templates are Liquid (`{{reportName}}`). */
export const EmailDelivery = z
  .strictObject({
    enabled: z.boolean(),
    recipients: z.array(z.email('must be an email address')).max(50).default([]),
    subjectTemplate: z.string().min(1).max(500).optional(),
    bodyTemplate: z.string().min(1).max(20_000).optional(),
    attachPdf: z.boolean().default(false),
  })
  // "At least one recipient when enabled" is checked with the schedule (ScheduleInput): with burst the
  // recipients come from the burst and this list stays empty.
  .superRefine((email, ctx) => {
    const seen = new Set<string>();
    email.recipients.forEach((address, i) => {
      const key = address.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['recipients', i], message: `${address} is listed twice` });
      seen.add(key);
    });
  });
export type EmailDelivery = z.output<typeof EmailDelivery>;
