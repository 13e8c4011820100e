import { toApiError } from './api-error';
import { useApiClient } from './use-api-client';
import { useAuthService } from '../auth/auth-service';

/**
 * GETs an API path as bytes (a PDF to preview, a file to download and check), with the bearer token; a
 * non-2xx answer becomes the same `ApiError` the JSON client throws. The JSON client reads bodies as text,
 * which would corrupt binary files.
 */
export function useBlobFetch() {
  const api = useApiClient();
  const auth = useAuthService();
  return async (path: string, signal?: AbortSignal): Promise<Blob> => {
    const token = await auth.getAccessToken();
    const response = await fetch(api.url(path), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal,
    }).catch((cause: unknown) => {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw toApiError(0, undefined, null);
    });
    if (!response.ok) {
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // not an envelope: toApiError falls back to the status
      }
      throw toApiError(response.status, body, response.headers.get('x-request-id'));
    }
    return response.blob();
  };
}
