import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../../shared/contracts/common';
import { launchBrowser, newPage } from './browser';
import { requireWebApp, webHostUrl } from './web-host';

export interface SignInAs {
  tenant: string;
  user: string;
  roles: Role[];
}

const allRoles: Role[] = ['tenant_admin', 'report_creator', 'viewer'];
export const AUTHORIZE_PATH = '/api/v1/dev/oidc/authorize';

/** Fills and submits the dev issuer's sign-in form, as a person would (labels, checkboxes, the button). */
export async function submitSignInForm(page: Page, who: SignInAs): Promise<void> {
  await page.getByRole('textbox', { name: 'Tenant' }).fill(who.tenant);
  await page.getByRole('textbox', { name: 'User id' }).fill(who.user);
  for (const role of allRoles)
    await page.locator(`input[name="roles"][value="${role}"]`).setChecked(who.roles.includes(role));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in to the web app through its real authorization-code + PKCE redirect: opens `path` (default
 * "/"), follows the app to the dev issuer's form (clicking the app's "Sign in" button if it shows one
 * instead of redirecting), submits it, and returns once the app has handled the callback.
 */
export async function signIn(page: Page, who: SignInAs, options: { path?: string } = {}): Promise<void> {
  const base = webHostUrl();
  await page.goto(`${base}${options.path ?? '/'}`);
  const form = page.locator(`form[action="${AUTHORIZE_PATH}"]`);
  const appButton = page.getByRole('button', { name: /sign in/i });
  await form.or(appButton).first().waitFor();
  if (!(await form.isVisible())) {
    await appButton.first().click();
    await form.waitFor();
  }
  await submitSignInForm(page, who);
  await page.waitForURL(
    (url) =>
      url.origin === new URL(base).origin &&
      !url.pathname.startsWith('/auth/') &&
      !url.pathname.startsWith('/api/'),
  );
}

/**
 * Real Chromium with one desktop-size page signed in as `who`, for a test file's `beforeAll`; the caller
 * closes the browser in `afterAll`. A failed sign-in closes the browser before it throws.
 */
export async function openSignedInPage(who: SignInAs): Promise<{ browser: Browser; page: Page }> {
  requireWebApp();
  const browser = await launchBrowser();
  try {
    const { page } = await newPage(browser);
    await signIn(page, who);
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The access token the app holds (oidc-client-ts keeps the user in sessionStorage). */
export function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    return JSON.parse(sessionStorage.getItem(key)).access_token;
  })()`);
}
