import { z } from 'zod';
import { BoundedInstant } from '../domain/time-bounds';

export const Id = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, 'must be an id (letters, digits, - and _)');
export const TenantId = Id;
export const IsoDateTime = BoundedInstant;
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
