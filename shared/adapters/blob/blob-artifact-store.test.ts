import { BlobServiceClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createBlobArtifactStore } from './blob-artifact-store';
import { testConnectionString, uniqueName } from '../../../test/support/storage';

const store = () =>
  createBlobArtifactStore(
    BlobServiceClient.fromConnectionString(testConnectionString()),
    uniqueName('artifacts'),
  );

describe('blob artifact store on Azurite', () => {
  it('streams a file under the tenant prefix and reports its size and sha256', async () => {
    const blobs = store();
    const chunks = Array.from({ length: 300 }, (_, i) => `row ${i},${'x'.repeat(50_000)}\n`);
    const stored = await blobs.write('acme', 'reports/r1/run1/out.csv', Readable.from(chunks), 'text/csv');
    const expected = Buffer.from(chunks.join(''));
    expect(stored.blobName).toBe('tenants/acme/reports/r1/run1/out.csv');
    expect(stored.bytes).toBe(expected.length);
    expect(stored.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(await text(await blobs.openRead('acme', stored.blobName))).toHaveLength(expected.length);
  });

  it("never opens another tenant's blob, nor a path that climbs out", async () => {
    const blobs = store();
    const stored = await blobs.write('acme', 'a.txt', Buffer.from('secret'), 'text/plain');
    await expect(blobs.openRead('other', stored.blobName)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(blobs.write('acme', '../other/a.txt', Buffer.from('x'), 'text/plain')).rejects.toMatchObject(
      {
        code: 'VALIDATION_ERROR',
      },
    );
  });

  it('signs a read URL that works, and refuses it when tampered or expired', async () => {
    const blobs = store();
    const stored = await blobs.write('acme', 'b.txt', Buffer.from('hello'), 'text/plain');
    const url = await blobs.signedUrl('acme', stored.blobName, {
      expiresAt: new Date(Date.now() + 60_000),
      downloadName: 'b.txt',
    });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello');
    expect(ok.headers.get('content-disposition')).toContain('b.txt');
    const tampered = url.replace(
      /sig=([^&]+)/,
      (_m, sig: string) => `sig=${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`,
    );
    expect((await fetch(tampered)).status).toBe(403);
    const expired = await blobs.signedUrl('acme', stored.blobName, {
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await fetch(expired)).status).toBe(403);
  });
});
