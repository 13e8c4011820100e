import type { Page } from 'playwright-core';

/**
 * Clicks the button that opens a create / edit dialog and waits until the dialog has put focus on its
 * first field. Vuetify focuses an `autofocus` field once the dialog's transition has made it visible;
 * typing before that sends the rest of the keystrokes to the wrong field (seen in CI: the recipients
 * landed in "Name").
 */
export async function openFormDialog(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).first().click();
  await page.locator('.v-overlay--active input:focus, .v-overlay--active textarea:focus').waitFor();
}
