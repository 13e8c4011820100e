/**
 * The app settings that `env:` secret references may name. Like the rest of the configuration it is read
 * here and nowhere else; the composition root hands it to the secret resolver.
 */
export function readSecretEnvironment(): Readonly<Record<string, string | undefined>> {
  return Object.freeze({ ...process.env });
}
