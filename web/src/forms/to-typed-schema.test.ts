import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReportRequest } from '../../../shared/contracts/report-resources';
import { toTypedSchema, zodIssuesToErrors } from './to-typed-schema';

describe('toTypedSchema (zod 4 → vee-validate)', () => {
  it('passes the parsed output on success', async () => {
    const schema = toTypedSchema(z.object({ name: z.string().trim().min(1), count: z.coerce.number() }));
    expect(schema.__type).toBe('VVTypedSchema');
    expect(await schema.parse({ name: '  a ', count: '3' })).toEqual({
      value: { name: 'a', count: 3 },
      errors: [],
    });
  });

  it("groups the API contract's messages by the wire path of each field", async () => {
    const schema = toTypedSchema(ReportRequest);
    const result = await schema.parse({
      name: '',
      dataSource: { connectionId: 'demo', sql: '', parameters: [{ name: '1bad', type: 'string' }] },
      outputs: [],
      extra: true,
    } as never);
    expect(result.value).toBeUndefined();
    const byPath: Record<string, string[]> = Object.fromEntries(
      result.errors.map((e) => [e.path ?? '', e.errors]),
    );
    expect(Object.keys(byPath).sort()).toEqual([
      'dataSource.parameters[0].name',
      'dataSource.sql',
      'extra',
      'name',
      'outputs',
    ]);
    expect(byPath['dataSource.parameters[0].name']).toEqual([
      'must be a name of letters, digits and _ (not starting with a digit)',
    ]);
    expect(byPath.extra).toEqual(['Unrecognized key: "extra"']);
  });

  it('keeps every message of one field in order', () => {
    const issues = z.string().min(5).regex(/^\d+$/).safeParse('ab').error!.issues;
    expect(zodIssuesToErrors(issues)).toEqual([
      { path: '', errors: [issues[0]!.message, issues[1]!.message] },
    ]);
  });
});
