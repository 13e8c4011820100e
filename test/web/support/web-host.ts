import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

/** The shared host of the browser tests (see global-web-host.ts). */
export const webHostUrl = (): string => inject('webHostUrl');

/**
 * Fails loudly when the web app was not built: screens cannot be tested against the "not built" page.
 * Call it in the beforeAll of every test file that opens the app's screens.
 */
export function requireWebApp(): void {
  const index = path.join(inject('webRoot'), 'index.html');
  if (!fs.existsSync(index))
    throw new Error(
      `The web app is not built (${index} is missing): run \`npm run build:web\` before the browser tests.`,
    );
}
