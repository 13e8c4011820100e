import { AppError } from '../../domain/errors';

/** A 400 for a body field that parsed but is wrong (a reference that does not exist, a rule that never fires). */
export function invalidField(field: string, message: string, code = 'invalid_value'): AppError {
  return new AppError('VALIDATION_ERROR', `Invalid body: "${field}" ${message}`, {
    location: 'body',
    field,
    issues: [{ field, code, message }],
  });
}
