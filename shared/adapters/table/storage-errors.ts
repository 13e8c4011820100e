import { AppError } from '../../domain/errors';

/** The HTTP status of a storage SDK error, if it has one (the SDKs put it on `statusCode`). */
export function storageStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A storage failure that is not the caller's fault: transient, so retry policies may retry it. */
export function storageUnavailable(err: unknown): AppError {
  return new AppError('STORAGE_UNAVAILABLE', 'Storage is not reachable right now', {}, { cause: err });
}
