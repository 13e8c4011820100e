import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** The connection string of the test run's Azurite (see global-azurite.ts). */
export function testConnectionString(): string {
  return inject('azuriteConnectionString');
}

/** A name no other test uses: tables, queues and containers are shared across the run. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`.toLowerCase();
}
