/** App settings as the host sees them (local.settings.json `Values` plus the host's own). */
export type AppSettings = Record<string, string | undefined>;

/** `%Name%` in a binding property means "the value of app setting Name", as in the host. */
export function resolveSettingReference(value: string, settings: AppSettings, what: string): string {
  const m = /^%([^%]+)%$/.exec(value.trim());
  if (!m) return value;
  const resolved = settings[m[1]!];
  if (resolved === undefined) throw new Error(`${what} refers to app setting "${m[1]}", which is not set.`);
  return resolved;
}

/** Finds a connection string as the host does: the setting itself, else `AzureWebJobs<name>`. */
export function connectionSetting(settings: AppSettings, name: string, what: string): string {
  const value = settings[name] ?? settings[`AzureWebJobs${name}`];
  if (!value) throw new Error(`${what}: connection setting "${name}" is not set.`);
  return value;
}
