import type { Context } from 'liquidjs';

/** Per-render settings the filters read; kept out of the template's scope so a template cannot change them. */
export interface RenderSettings {
  /** BCP 47 locale for numbers, currencies and month names. */
  locale: string;
  /** IANA time zone dates are shown in: the tenant's. */
  timeZone: string;
}

export type SettingsOf = (context: Context) => RenderSettings;
