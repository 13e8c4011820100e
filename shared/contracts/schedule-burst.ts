/**
 * Bursting: one schedule, many recipients, each sent only their own slice of the report (docs/delivery.md,
 * "Bursting"). `column`: the extract is split by a column holding each row's recipient address. `parameters`:
 * the report runs once per distinct parameter set, and each set's result goes to its `to` list.
 */
import { z } from 'zod';
import { ParameterValues } from './schedule-parameters';

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as example.com',
  );

export const BurstByColumn = z.strictObject({
  mode: z.literal('column'),
  /** The result column holding each row's recipient (an email address; rows without a valid one go to no one). */
  column: z.string().trim().min(1).max(128),
  /** When set, addresses outside these domains are not sent to (counted on the run as `outsideDomains`). */
  allowedDomains: z.array(Domain).min(1).max(50).optional(),
});

export const BurstRecipient = z.strictObject({
  to: z.array(z.email('must be an email address')).min(1).max(50),
  /** Merged over the schedule's own parameters for this recipient's slice. */
  parameters: ParameterValues,
});

export const BurstByParameters = z.strictObject({
  mode: z.literal('parameters'),
  recipients: z.array(BurstRecipient).min(1).max(500),
});

export const Burst = z
  .discriminatedUnion('mode', [BurstByColumn, BurstByParameters], {
    error: 'mode must be column or parameters',
  })
  .meta({
    id: 'Burst',
    description:
      'Send each recipient only their rows. Email only: a schedule with burst may name email delivery targets, never webhook, Slack or link targets.',
    examples: [
      { mode: 'column', column: 'region_manager_email', allowedDomains: ['example.com'] },
      {
        mode: 'parameters',
        recipients: [
          { to: ['eu-lead@example.com'], parameters: { region: 'EU' } },
          { to: ['us-lead@example.com', 'us-deputy@example.com'], parameters: { region: 'US' } },
        ],
      },
    ],
  });
export type Burst = z.output<typeof Burst>;

/** What the run records about its slices (counts only: no address is kept on the run). */
export const BurstSummary = z.strictObject({
  mode: z.enum(['column', 'parameters']),
  slices: z.number().int().min(0),
  /** Column mode: rows whose column was empty or not an email address (sent to no one). */
  unassignedRows: z.number().int().min(0),
  /** Column mode: addresses outside `allowedDomains` (their rows sent to no one). */
  outsideDomains: z.number().int().min(0),
});
export type BurstSummary = z.output<typeof BurstSummary>;
