import { describe, expect, it } from 'vitest';
import { ScheduleInput } from '../../../../shared/contracts/schedule-resource';
import { fromBurst, parseParameterText, toBurst } from './burst-form';
import { emptyScheduleForm, toScheduleInput } from './schedule-form';

describe('the builder’s burst section → API body', () => {
  it('is null when off, and a column burst with its domains when on', () => {
    const form = emptyScheduleForm('UTC', 'rep1');
    expect(toScheduleInput(form).burst).toBeNull();
    form.emailDelivery = { ...form.emailDelivery, enabled: true, recipients: ['kept@example.com'] };
    form.burst = {
      ...form.burst,
      enabled: true,
      column: ' manager_email ',
      allowedDomains: 'example.com, example.org',
    };
    const body = toScheduleInput(form);
    expect(body.burst).toEqual({
      mode: 'column',
      column: 'manager_email',
      allowedDomains: ['example.com', 'example.org'],
    });
    // The burst names the recipients: the email's own list is not sent, and the body is valid.
    expect(body.emailDelivery?.recipients).toEqual([]);
    expect(ScheduleInput.safeParse(body).success).toBe(true);
  });

  it('turns rows of recipients and `name=value` text into parameter sets, typed, and back', () => {
    expect(parseParameterText('region=EU, year=2026, final=true, note=a=b')).toEqual({
      region: 'EU',
      year: 2026,
      final: true,
      note: 'a=b',
    });
    const burst = toBurst({
      enabled: true,
      mode: 'parameters',
      column: '',
      allowedDomains: '',
      recipients: [
        { to: 'a@example.com; b@example.com', parameters: 'region=EU' },
        { to: 'c@example.com', parameters: 'region=US' },
      ],
    });
    expect(burst).toEqual({
      mode: 'parameters',
      recipients: [
        { to: ['a@example.com', 'b@example.com'], parameters: { region: 'EU' } },
        { to: ['c@example.com'], parameters: { region: 'US' } },
      ],
    });
    expect(toBurst(fromBurst(burst as never))).toEqual(burst);
  });
});
