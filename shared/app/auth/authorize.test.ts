import { describe, expect, it } from 'vitest';
import { type AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import { authorize, isAllowed, type Action } from './authorize';
import { principalFromClaims, type Principal } from './principal';
import { requireAnyRole } from './require-role';

const as = (roles: Role[], userId = 'u1'): Principal => ({ tenantId: 't1', userId, roles });
const own = { tenantId: 't1', createdBy: 'u1' };
const others = { tenantId: 't1', createdBy: 'u2' };
const actions: Action[] = ['read', 'create', 'update', 'delete', 'admin'];

function outcome(fn: () => void): string {
  try {
    fn();
    return 'allow';
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('authorize (roles × actions × ownership)', () => {
  // [role, resource, expected outcome per action: read create update delete admin]
  const table: [Role, 'own' | 'others' | 'none', string[]][] = [
    ['tenant_admin', 'own', ['allow', 'allow', 'allow', 'allow', 'allow']],
    ['tenant_admin', 'others', ['allow', 'allow', 'allow', 'allow', 'allow']],
    ['tenant_admin', 'none', ['allow', 'allow', 'allow', 'allow', 'allow']],
    ['report_creator', 'own', ['allow', 'allow', 'allow', 'allow', 'FORBIDDEN']],
    ['report_creator', 'others', ['allow', 'allow', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
    ['report_creator', 'none', ['allow', 'allow', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
    ['viewer', 'own', ['allow', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
    ['viewer', 'others', ['allow', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
    ['viewer', 'none', ['allow', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
  ];
  for (const [role, which, expected] of table) {
    it(`${role} on ${which} resource`, () => {
      const resource = which === 'own' ? own : which === 'others' ? others : undefined;
      const got = actions.map((action) => outcome(() => authorize(as([role]), action, resource)));
      expect(got).toEqual(expected);
      expect(actions.map((action) => isAllowed(as([role]), action, resource))).toEqual(
        expected.map((e) => e === 'allow'),
      );
    });
  }

  it('reports a resource of another tenant as NOT_FOUND, for every role and action', () => {
    for (const role of ['tenant_admin', 'report_creator', 'viewer'] as Role[]) {
      for (const action of actions) {
        expect(outcome(() => authorize(as([role]), action, { tenantId: 't2', createdBy: 'u1' }))).toBe(
          'NOT_FOUND',
        );
      }
    }
  });

  it('refuses everything to a principal without roles', () => {
    expect(actions.map((action) => outcome(() => authorize(as([]), action, own)))).toEqual(
      Array(5).fill('FORBIDDEN'),
    );
    expect(outcome(() => requireAnyRole(as([]), ['viewer', 'tenant_admin']))).toBe('FORBIDDEN');
    expect(outcome(() => requireAnyRole(as(['viewer']), ['viewer']))).toBe('allow');
  });
});

describe('principalFromClaims', () => {
  it('takes tenant from tid or tenantId, user from sub or oid, known roles only, and no tier', () => {
    expect(
      principalFromClaims({ tid: 'a', sub: 's', roles: ['viewer', 'root', 'viewer'], tier: 'premium' }),
    ).toEqual({
      tenantId: 'a',
      userId: 's',
      roles: ['viewer'],
    });
    expect(principalFromClaims({ tenantId: 'b', oid: 'o', tier: 'gold' })).toEqual({
      tenantId: 'b',
      userId: 'o',
      roles: [],
    });
  });

  it('refuses claims without a tenant or a subject', () => {
    expect(() => principalFromClaims({ sub: 's' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', details: { reason: 'missing_tenant' } }) as Error,
    );
    expect(() => principalFromClaims({ tid: 't' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', details: { reason: 'missing_subject' } }) as Error,
    );
  });
});
