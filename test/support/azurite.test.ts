import { describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { testConnectionString, uniqueName } from './storage';
import { assertPortFree, freePort } from '../../local/azurite/start-azurite';
import net from 'node:net';

describe('test Azurite', () => {
  it('answers table requests, and rejects a duplicate insert with 409', async () => {
    const table = TableClient.fromConnectionString(testConnectionString(), uniqueName('t'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', v: 1 });
    await expect(table.createEntity({ partitionKey: 'p', rowKey: 'r', v: 2 })).rejects.toMatchObject({
      statusCode: 409,
    });
  });

  it('names a taken port clearly', async () => {
    const port = await freePort();
    const server = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    await expect(assertPortFree(port, '127.0.0.1', 'Azurite blob')).rejects.toThrow(
      `Port ${port} (Azurite blob) is already in use`,
    );
    server.close();
  });
});
