import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/**
 * Where the storage account is: a connection string (Azurite, or keys), or an account name reached with a
 * managed identity (Azure, `AzureWebJobsStorage__accountName`).
 */
export type StorageTarget =
  { connectionString: string } | { accountName: string; credential: TokenCredential };

export function storageTargetFromSettings(settings: {
  connectionString?: string | undefined;
  accountName?: string | undefined;
}): StorageTarget {
  if (settings.connectionString) return { connectionString: settings.connectionString };
  if (settings.accountName)
    return { accountName: settings.accountName, credential: new DefaultAzureCredential() };
  throw new Error('No storage account configured');
}

export const serviceUrl = (accountName: string, service: 'blob' | 'queue' | 'table') =>
  `https://${accountName}.${service}.core.windows.net`;

/** Azurite and other plain-http endpoints need the SDKs' insecure-connection switch. */
export const isInsecure = (connectionString: string) =>
  /https?:\/\/(127\.|localhost|\[::1\])/.test(connectionString) ||
  connectionString.includes('UseDevelopmentStorage');
