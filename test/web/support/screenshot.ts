import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotDir = path.resolve('test-results/screenshots');

const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

/**
 * Saves `<name>-desktop.png` (1280×800) and `<name>-phone.png` (360×740) of the whole page under
 * test-results/screenshots/ (git-ignored), then puts the page back at its size.
 */
export async function screenshot(page: Page, name: string): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name "${name}": use kebab-case`);
  fs.mkdirSync(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  for (const [kind, size] of Object.entries(sizes)) {
    await page.setViewportSize(size);
    const file = path.join(screenshotDir, `${name}-${kind}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    files.push(file);
  }
  if (before) await page.setViewportSize(before);
  return files;
}
