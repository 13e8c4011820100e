import { describe, expect, it } from 'vitest';
import { summarizeSchedule } from './summarize-schedule';

describe('summarizeSchedule', () => {
  const base = {
    emailEnabled: true,
    recipients: ['a@acme.com', 'b@acme.com', 'c@partner.io'],
    attachPdf: true,
    deliveryTargets: 0,
    nextFire: '2025-01-06T08:00:00Z',
    timezone: 'Europe/Berlin',
    internalDomains: ['acme.com'],
  };

  it('says how many get it, how many are external, and the next send in the schedule’s zone', () => {
    expect(summarizeSchedule(base)).toBe(
      '3 recipients, 1 external, PDF attached, next send Mon 6 Jan, 09:00 CET',
    );
  });

  it('does not guess external when the domains are unknown; counts other targets', () => {
    expect(summarizeSchedule({ ...base, internalDomains: [], attachPdf: false, deliveryTargets: 2 })).toBe(
      '3 recipients, sent as a link, 2 other targets, next send Mon 6 Jan, 09:00 CET',
    );
  });

  it('says when nothing will be sent', () => {
    expect(summarizeSchedule({ ...base, emailEnabled: false, nextFire: null })).toBe(
      'no email, never sends (no fire ahead)',
    );
  });

  it('says each recipient gets only their rows when the burst is on', () => {
    const base = {
      emailEnabled: true,
      recipients: [],
      attachPdf: false,
      deliveryTargets: 0,
      nextFire: null,
      timezone: 'UTC',
      internalDomains: [],
    };
    expect(summarizeSchedule({ ...base, burst: { column: 'manager_email' } })).toBe(
      'each address in manager_email gets only their rows, sent as a link, never sends (no fire ahead)',
    );
    expect(summarizeSchedule({ ...base, burst: { lists: 2 } })).toMatch(
      /^2 recipient lists, each only their rows/,
    );
  });
});
