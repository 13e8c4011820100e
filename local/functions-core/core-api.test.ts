import { describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { loadApp } from './load-app';
import { invokeFunction } from './invoke-function';

function writeApp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(
    file,
    source.replace(/@azure\/functions'/g, `${path.resolve('node_modules/@azure/functions')}'`),
  );
  return file;
}

describe('the functions-core shim', () => {
  it('captures registrations and runs an HTTP invocation through the real programming model and hooks', async () => {
    const main = writeApp(`
      const { app } = require('@azure/functions');
      app.hook.preInvocation((ctx) => { ctx.hookData.seen = true; });
      app.http('hello', { methods: ['POST'], route: 'hello/{name}', handler: async (req, ctx) => {
        const body = await req.json();
        return { status: 201, jsonBody: { name: req.params.name, got: body, fn: ctx.functionName } };
      }});
      app.hook.postInvocation((ctx) => { ctx.result.headers = { 'x-post': String(ctx.hookData.seen) }; });
    `);
    const logs: string[] = [];
    const app = await loadApp(main, (_l, _c, m) => logs.push(m));
    const fn = app.registry.get('hello');
    expect(fn?.trigger.type).toBe('httpTrigger');
    expect(fn?.trigger.route).toBe('hello/{name}');
    const outcome = await invokeFunction(app, fn!, {
      inputData: [
        {
          name: fn!.trigger.name,
          data: {
            http: {
              method: 'POST',
              url: 'http://localhost/api/hello/ann',
              headers: { 'content-type': 'application/json' },
              params: { name: 'ann' },
              query: {},
              body: { bytes: Buffer.from('{"a":1}') },
            },
          },
        },
      ],
    });
    const http = outcome.response.returnValue?.http;
    expect(http?.statusCode).toBe('201');
    expect(JSON.parse(Buffer.from(http!.body!.bytes!).toString())).toEqual({
      name: 'ann',
      got: { a: 1 },
      fn: 'hello',
    });
    expect(http?.headers?.['x-post']).toBe('true');
  });
});
