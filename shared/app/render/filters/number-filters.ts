import type { FilterImplOptions } from 'liquidjs';
import { memoize } from './memoize';
import type { SettingsOf } from './render-settings';
import { toDecimals, toNumber } from './to-number';

/**
 * `{{ v | currency: 'USD' }}` (optional decimals: `currency: 'JPY', 0`), `{{ r | percentage: 2 }}`
 * (a ratio: 0.1234 → 12.34%, default 0 decimals), `{{ v | number: 2 }}` (grouped; default up to 3
 * decimals). All in the render's locale; null or '' gives ''.
 */
export function createNumberFilters(settingsOf: SettingsOf): Record<string, FilterImplOptions> {
  // key: locale|style|currency|decimals ('' when absent) — one Intl.NumberFormat each.
  const formatter = memoize((key) => {
    const [locale, style, currency, decimals] = key.split('|');
    const places = decimals
      ? { minimumFractionDigits: Number(decimals), maximumFractionDigits: Number(decimals) }
      : {};
    const options: Intl.NumberFormatOptions =
      style === 'currency' ? { style, currency } : style === 'percent' ? { style } : { useGrouping: true };
    return new Intl.NumberFormat(locale, { ...options, ...places });
  });
  const format = (
    context: Parameters<SettingsOf>[0],
    style: string,
    currency: string,
    decimals: number | undefined,
    n: number,
  ) => formatter(`${settingsOf(context).locale}|${style}|${currency}|${decimals ?? ''}`).format(n);

  return {
    currency(value: unknown, code: unknown, decimals?: unknown) {
      const n = toNumber('currency', value);
      if (typeof code !== 'string' || !/^[A-Za-z]{3}$/.test(code)) {
        throw new Error("currency: give an ISO 4217 code, e.g. currency: 'USD'");
      }
      if (n === null) return '';
      return format(this.context, 'currency', code.toUpperCase(), toDecimals('currency', decimals), n);
    },
    percentage(value: unknown, decimals?: unknown) {
      const n = toNumber('percentage', value);
      if (n === null) return '';
      return format(this.context, 'percent', '', toDecimals('percentage', decimals) ?? 0, n);
    },
    number(value: unknown, decimals?: unknown) {
      const n = toNumber('number', value);
      if (n === null) return '';
      return format(this.context, 'decimal', '', toDecimals('number', decimals), n);
    },
  };
}
