import { AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import type { Principal } from './principal';

/** Refuses (403) anyone but the platform operator: no tenant role implies `platform_admin`. */
export function requirePlatformAdmin(principal: Principal): void {
  if (principal.platformAdmin) return;
  throw new AppError('FORBIDDEN', 'Only the platform operator may do this', {
    required: ['platform_admin'],
    roles: [...principal.roles],
  });
}

/** Refuses (403) a principal holding none of `allowed`. An empty role list in a token is refused too. */
export function requireAnyRole(principal: Principal, allowed: readonly Role[]): void {
  if (principal.roles.some((role) => allowed.includes(role))) return;
  throw new AppError('FORBIDDEN', 'Your roles do not allow this operation', {
    required: [...allowed],
    roles: [...principal.roles],
  });
}
