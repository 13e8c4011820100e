/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- assertions walk the parsed document */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunctions } from '../http/testing/http-test-kit';

let doc: Record<string, any>;

beforeAll(async () => {
  // The whole app, as the worker loads it: every endpoint it registers is in the document.
  await loadFunctions(() => import('../index.js'));
  const { describeApi } = await import('./openapi.js');
  doc = describeApi('https://reports.contoso.test');
}, 60_000);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** Runs the Redocly CLI (the project's redocly.yaml) on the document; answers its problems. */
async function redoclyLint(
  document: unknown,
): Promise<{ totals: Record<string, number>; problems: LintProblem[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'openapi-lint-'));
  try {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    const args = [cli, 'lint', file, '--config', path.resolve('redocly.yaml'), '--format', 'json'];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const { stdout } = await promisify(execFile)(process.execPath, args, { env, maxBuffer: 64 << 20 }).catch(
      (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
    );
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: Record<string, number>;
      problems: LintProblem[];
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, method, op })),
  );
const resolve = (node: any) =>
  node?.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n: any, k: string) => n?.[k], doc)
    : node;
const headerParams = (op: any) => (op.parameters ?? []).map(resolve).filter((p: any) => p.in === 'header');

describe('the OpenAPI document as integrators’ tools read it', () => {
  it('passes Redocly lint with no error and no warning', async () => {
    const report = await redoclyLint(doc);
    const summary = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(summary).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);

  it('the linter does catch what it was run for (an undefined tag, a missing description)', async () => {
    const broken = structuredClone(doc);
    broken.paths['/api/v1/runs'].get.tags = ['nowhere'];
    delete broken.paths['/api/v1/runs/{id}'].get.description;
    const rules = (await redoclyLint(broken)).problems
      .filter((p) => p.severity === 'error')
      .map((p) => p.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['operation-tag-defined', 'operation-description']));
  }, 60_000);

  it('declares every tag with a description and describes every operation', () => {
    const declared = new Map((doc.tags as { name: string; description: string }[]).map((t) => [t.name, t]));
    for (const { key, op } of operations()) {
      expect(op.description, key).toEqual(expect.any(String));
      for (const tag of op.tags) expect(declared.get(tag)?.description, `${key} tag ${tag}`).toBeTruthy();
    }
  });

  it('declares the pipeline’s headers: If-Match on every PUT, Idempotency-Key on idempotent writes, ETag, Location', () => {
    // PUT /secrets/{name} sets a write-only value: there is no readable version to match, a retry sets the
    // same value again, and an Idempotency-Key record would keep a hash of the secret — so it takes neither.
    const puts = operations().filter((o) => o.method === 'put' && !o.key.includes('/api/v1/secrets/'));
    expect(puts.length).toBeGreaterThan(4);
    for (const { key, op } of puts) {
      const names = headerParams(op).map((p: any) => p.name);
      expect(names, key).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key']));
      expect(Object.keys(op.responses['200'].headers), key).toEqual(
        expect.arrayContaining(['ETag', 'X-Request-Id']),
      );
    }
    const getReport = doc.paths['/api/v1/reports/{id}'].get;
    expect(headerParams(getReport).map((p: any) => p.name)).toEqual(['If-None-Match']);
    expect(Object.keys(getReport.responses['304'].headers)).toContain('ETag');
    const create = doc.paths['/api/v1/reports'].post;
    expect(Object.keys(create.responses['201'].headers)).toEqual(
      expect.arrayContaining([
        'Location',
        'ETag',
        'X-Request-Id',
        'X-RateLimit-Limit',
        'Idempotent-Replayed',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/reports/{id}/runs'].post.responses['202'].headers)).toContain(
      'Location',
    );
    expect(Object.keys(resolve(create.responses['429']).headers)).toEqual(
      expect.arrayContaining(['Retry-After', 'X-Request-Id', 'X-RateLimit-Reset']),
    );
    // Public operations carry no rate-limit headers (the limiter counts tenants).
    expect(Object.keys(doc.paths['/api/health'].get.responses['200'].headers)).toEqual(['X-Request-Id']);
  });

  it('every example parses with the schema it illustrates (the trigger’s 202 names a valid run id)', async () => {
    const { apiEndpoints } = await import('../http/define-endpoint.js');
    const failures: string[] = [];
    for (const endpoint of apiEndpoints.list()) {
      const { request, responses = {} } = endpoint.examples ?? {};
      if (request !== undefined && !endpoint.body?.safeParse(request).success)
        failures.push(`${endpoint.name} request`);
      for (const [status, example] of Object.entries(responses))
        if (!(endpoint.responses as Record<string, any>)[status]?.safeParse(example).success)
          failures.push(`${endpoint.name} ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('a compute transform’s expression is text or an expression tree, not anything', () => {
    const transforms = resolve(doc.components.schemas.ReportRequest.properties.transforms);
    const compute = transforms.items.oneOf.find((t: any) => t.properties.type.const === 'compute');
    const variants = compute.properties.expression.anyOf.map(resolve);
    expect(variants).toHaveLength(2);
    for (const variant of variants) expect(Object.keys(variant).length).toBeGreaterThan(0);
    expect(JSON.stringify(variants[1])).toContain('"op"');
  });
});
