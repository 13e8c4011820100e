import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultScheduleTimeZone, formatOffset, timeZoneOptions } from './time-zones';

afterEach(() => vi.restoreAllMocks());

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
const realResolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;

function pretendBrowserZone(timeZone: string): void {
  const real = realResolvedOptions;
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (
    this: Intl.DateTimeFormat,
  ) {
    return { ...real.call(this), timeZone };
  });
}

describe('time-zone defaults', () => {
  it("a new schedule starts in the browser's zone", () => {
    pretendBrowserZone('America/Sao_Paulo');
    expect(defaultScheduleTimeZone()).toBe('America/Sao_Paulo');
    pretendBrowserZone('Asia/Kolkata');
    expect(defaultScheduleTimeZone()).toBe('Asia/Kolkata');
  });

  it("lists the browser's zone first, then UTC, each with its offset at that moment", () => {
    pretendBrowserZone('Europe/Berlin');
    const winter = timeZoneOptions(new Date('2025-01-15T12:00:00Z'));
    expect(winter[0]).toEqual({ value: 'Europe/Berlin', title: 'Europe/Berlin (UTC+01:00)' });
    expect(winter[1]).toEqual({ value: 'UTC', title: 'UTC (UTC)' });
    expect(winter.find((o) => o.value === 'Asia/Tokyo')?.title).toBe('Asia/Tokyo (UTC+09:00)');
    expect(winter.filter((o) => o.value === 'Europe/Berlin')).toHaveLength(1);
    const summer = timeZoneOptions(new Date('2025-07-15T12:00:00Z'));
    expect(summer[0]?.title).toBe('Europe/Berlin (UTC+02:00)');
    expect(summer.find((o) => o.value === 'America/New_York')?.title).toBe('America/New York (UTC−04:00)');
  });

  it('keeps a default the runtime does not list', () => {
    expect(timeZoneOptions(new Date(), 'Etc/GMT+3')[0]?.value).toBe('Etc/GMT+3');
    expect(formatOffset(-3 * 3600_000)).toBe('UTC−03:00');
  });
});
