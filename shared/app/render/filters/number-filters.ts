import type { Context, FilterImplOptions } from 'liquidjs';
import type { SettingsOf } from './render-settings';
import { toDecimals, toNumber } from './to-number';

/**
 * `{{ v | currency: 'USD' }}` (optional decimals: `currency: 'JPY', 0`), `{{ r | percentage: 2 }}`
 * (a ratio: 0.1234 → 12.34%, default 0 decimals), `{{ v | number: 2 }}` (grouped; default up to 3
 * decimals). All in the render's locale; null or '' gives ''.
 */
type Formatted = (n: number) => string;

/**
 * A formatter that remembers its last few thousand results: columns repeat values (quantities, rates,
 * round amounts), and a Map lookup costs a fraction of Intl's format.
 */
function formatted(format: Intl.NumberFormat): Formatted {
  const texts = new Map<number, string>();
  return (n) => {
    // A Map holds 0 and -0 as one key, and Intl writes them differently.
    if (n === 0) return format.format(n);
    let text = texts.get(n);
    if (text === undefined) {
      if (texts.size >= 4096) texts.clear();
      text = format.format(n);
      texts.set(n, text);
    }
    return text;
  };
}

export function createNumberFilters(settingsOf: SettingsOf): Record<string, FilterImplOptions> {
  // locale → style or currency code → decimals (-1: Intl's default) → formatter. Nested maps, because
  // these run per cell: no key strings to build and hash.
  const cache = new Map<string, Map<string, Map<number, Formatted>>>();
  function format(context: Context, kind: string, decimals: number | undefined, n: number): string {
    const locale = settingsOf(context).locale;
    let byKind = cache.get(locale);
    if (!byKind) cache.set(locale, (byKind = new Map<string, Map<number, Formatted>>()));
    let byDecimals = byKind.get(kind);
    if (!byDecimals) byKind.set(kind, (byDecimals = new Map<number, Formatted>()));
    let formatter = byDecimals.get(decimals ?? -1);
    if (!formatter) {
      const places =
        decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
      const style: Intl.NumberFormatOptions =
        kind === 'percent'
          ? { style: 'percent' }
          : kind === 'decimal'
            ? {}
            : { style: 'currency', currency: kind };
      formatter = formatted(new Intl.NumberFormat(locale, { useGrouping: true, ...style, ...places }));
      byDecimals.set(decimals ?? -1, formatter);
    }
    return formatter(n);
  }

  return {
    currency(value: unknown, code: unknown, decimals?: unknown) {
      const n = toNumber('currency', value);
      if (typeof code !== 'string' || !/^[A-Za-z]{3}$/.test(code)) {
        throw new Error("currency: give an ISO 4217 code, e.g. currency: 'USD'");
      }
      if (n === null) return '';
      return format(this.context, code.toUpperCase(), toDecimals('currency', decimals), n);
    },
    percentage(value: unknown, decimals?: unknown) {
      const n = toNumber('percentage', value);
      if (n === null) return '';
      return format(this.context, 'percent', toDecimals('percentage', decimals) ?? 0, n);
    },
    number(value: unknown, decimals?: unknown) {
      const n = toNumber('number', value);
      if (n === null) return '';
      return format(this.context, 'decimal', toDecimals('number', decimals), n);
    },
  };
}
