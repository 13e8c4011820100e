import { inject, type InjectionKey } from 'vue';
import type { ApiClient } from './api-client';

export const apiClientKey: InjectionKey<ApiClient> = Symbol('api-client');

/** The app's API client (provided once in main.ts). */
export function useApiClient(): ApiClient {
  const client = inject(apiClientKey);
  if (!client) throw new Error('useApiClient() needs the API client provided by the app (main.ts)');
  return client;
}
