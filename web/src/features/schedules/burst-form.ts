/**
 * The builder's "Send each recipient only their rows" section and the `burst` it becomes
 * (shared/contracts/schedule-burst.ts). Parameter values are typed as text (`region=EU, year=2026`).
 */
import type { z } from 'zod';
import type { ParameterValues } from '../../../../shared/contracts/schedule';
import type { Burst } from '../../../../shared/contracts/schedule-burst';

export interface BurstRowForm {
  /** Addresses, separated by commas, semicolons or spaces. */
  to: string;
  /** `name=value` pairs separated by commas. */
  parameters: string;
}

export interface BurstForm {
  enabled: boolean;
  mode: 'column' | 'parameters';
  column: string;
  /** Domains separated by commas; '' = any. */
  allowedDomains: string;
  recipients: BurstRowForm[];
}

export const emptyBurstForm = (): BurstForm => ({
  enabled: false,
  mode: 'column',
  column: '',
  allowedDomains: '',
  recipients: [{ to: '', parameters: '' }],
});

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `true`/`false` → boolean, a plain number → number, anything else the text itself. */
function typed(value: string): ParameterValues[string] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

export function parseParameterText(text: string): ParameterValues {
  const values: ParameterValues = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    values[pair.slice(0, at).trim()] = typed(pair.slice(at + 1).trim());
  }
  return values;
}

export const parameterText = (values: ParameterValues) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');

/** The body's `burst` (null when the section is off). */
export function toBurst(form: BurstForm): z.input<typeof Burst> | null {
  if (!form.enabled) return null;
  if (form.mode === 'column') {
    const domains = list(form.allowedDomains);
    return {
      mode: 'column',
      column: form.column.trim(),
      ...(domains.length ? { allowedDomains: domains } : {}),
    };
  }
  return {
    mode: 'parameters',
    recipients: form.recipients.map((row) => ({
      to: list(row.to),
      parameters: parseParameterText(row.parameters),
    })),
  };
}

export function fromBurst(burst: Burst | null | undefined): BurstForm {
  if (!burst) return emptyBurstForm();
  if (burst.mode === 'column')
    return {
      ...emptyBurstForm(),
      enabled: true,
      column: burst.column,
      allowedDomains: (burst.allowedDomains ?? []).join(', '),
    };
  return {
    ...emptyBurstForm(),
    enabled: true,
    mode: 'parameters',
    recipients: burst.recipients.map((r) => ({
      to: r.to.join(', '),
      parameters: parameterText(r.parameters),
    })),
  };
}
