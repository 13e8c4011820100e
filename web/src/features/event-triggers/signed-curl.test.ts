/// <reference types="node" />
// eslint-disable-next-line no-restricted-imports -- the test runs the example in a real shell, not in the app
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signPayload } from '../../../../shared/app/event-triggers/verify-signature';
import { signedCurlExample } from './signed-curl';

describe('signedCurlExample', () => {
  it('signs exactly as the API verifies (run by a real shell, curl swapped for echo)', () => {
    const secret = "s3cr'et";
    const script = signedCurlExample('https://h/api/v1/triggers/t1', secret, { region: 'EU' })
      .replace(/^T=.*$/m, 'T=1700000000')
      .replace('curl ', 'echo ');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    const body = JSON.stringify({ parameters: { region: 'EU' } });
    const expected = signPayload(secret, 1_700_000_000, Buffer.from(body));
    expect(out).toContain(`X-Signature: t=1700000000,v1=${expected}`);
    expect(out).toContain(body);
  });
});
