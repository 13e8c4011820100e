import { AppError } from '../../domain/errors';

/** Reads the secret a reference names (`env:NAME`, `keyvault:name`); the value is never stored or logged. */
export interface SecretResolver {
  resolve(ref: string): Promise<string>;
}

export interface SecretResolverOptions {
  /** The app settings an `env:` reference may name (the composition root passes them; nothing else reads the environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads a Key Vault secret by name; without it `keyvault:` references fail clearly. */
  keyVault?: (name: string) => Promise<string>;
}

const missing = (ref: string, why: string) =>
  new AppError(
    'DATA_SOURCE_UNAVAILABLE',
    `The secret ${ref} ${why}`,
    { secretRef: ref, suggestedFix: 'Set the app setting or Key Vault secret the data source names.' },
    { retryable: false },
  );

export function createSecretResolver(options: SecretResolverOptions = {}): SecretResolver {
  return {
    async resolve(ref) {
      const match = /^(env|keyvault):(.+)$/.exec(ref);
      if (!match) throw missing('reference', 'is not env:NAME or keyvault:name');
      const [, kind, name] = match as unknown as [string, 'env' | 'keyvault', string];
      if (kind === 'env') {
        const value = options.env?.[name];
        if (value === undefined || value === '') throw missing(ref, 'is not set');
        return value;
      }
      if (!options.keyVault) throw missing(ref, 'cannot be read: Key Vault is not configured');
      try {
        return await options.keyVault(name);
      } catch (err) {
        throw new AppError(
          'DATA_SOURCE_UNAVAILABLE',
          `The secret ${ref} could not be read from Key Vault`,
          { secretRef: ref },
          { cause: err },
        );
      }
    },
  };
}
