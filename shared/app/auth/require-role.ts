import { AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import type { Principal } from './principal';

/** Refuses (403) a principal holding none of `allowed`. An empty role list in a token is refused too. */
export function requireAnyRole(principal: Principal, allowed: readonly Role[]): void {
  if (principal.roles.some((role) => allowed.includes(role))) return;
  throw new AppError('FORBIDDEN', 'Your roles do not allow this operation', {
    required: [...allowed],
    roles: [...principal.roles],
  });
}
