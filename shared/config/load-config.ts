import { parseAppConfig, type AppConfig } from './app-config';

/** The one place that reads process.env: called once by each host's composition root. */
export function loadConfigFromEnvironment(): AppConfig {
  return parseAppConfig(process.env);
}
