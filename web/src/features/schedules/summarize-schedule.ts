/** The one line shown before saving: who gets what, and when it first goes out. */
import { countExternal } from './recipients';

export interface SummaryInput {
  emailEnabled: boolean;
  recipients: readonly string[];
  attachPdf: boolean;
  deliveryTargets: number;
  /** The first fire that runs (UTC ISO), or null when the rule has none. */
  nextFire: string | null;
  timezone: string;
  /** The organisation's own mail domains, when known (for "1 external"). */
  internalDomains: readonly string[];
  locale?: string;
  /** The burst, when on: each recipient gets only their rows (from a column, or this many recipient lists). */
  burst?: { column: string } | { lists: number } | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summarizeSchedule(input: SummaryInput): string {
  const parts: string[] = [];
  if (input.emailEnabled && input.burst) {
    parts.push(
      'column' in input.burst
        ? `each address in ${input.burst.column || 'the column'} gets only their rows`
        : `${plural(input.burst.lists, 'recipient list')}, each only their rows`,
    );
    parts.push(input.attachPdf ? 'PDF attached' : 'sent as a link');
  } else if (input.emailEnabled && input.recipients.length > 0) {
    parts.push(plural(input.recipients.length, 'recipient'));
    const external = countExternal(input.recipients, input.internalDomains);
    if (external) parts.push(`${external} external`);
    parts.push(input.attachPdf ? 'PDF attached' : 'sent as a link');
  } else parts.push('no email');
  if (input.deliveryTargets > 0) parts.push(plural(input.deliveryTargets, 'other target'));
  if (input.nextFire) {
    const when = new Intl.DateTimeFormat(input.locale ?? 'en-GB', {
      timeZone: input.timezone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }).format(new Date(input.nextFire));
    parts.push(`next send ${when}`);
  } else parts.push('never sends (no fire ahead)');
  return parts.join(', ');
}
