import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../adapters/chromium/launch-chromium';
import { sanitizeHtml } from './sanitize-html';

// What the gallery's preview shows of a sanitized report, read from real Chromium (scripts off): a
// sanitizer that leaves a raw-text element such as <title> open makes the browser swallow the rest.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium({ timeoutMs: 60_000, protocolTimeoutMs: 60_000 });
}, 90_000);
afterAll(() => browser?.close());

interface PageView {
  title: string;
  text: string;
  cells: string[];
  headingColor: string | null;
}

async function shown(html: string): Promise<PageView> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    // An expression, not a function: the DOM's types are not in this (Node) project.
    return (await page.evaluate(`({
      title: document.title,
      text: document.body.innerText.replace(/\\s+/g, ' ').trim(),
      cells: [...document.querySelectorAll('td')].map((td) => td.textContent),
      headingColor: ((h1) => (h1 ? getComputedStyle(h1).color : null))(document.querySelector('h1')),
    })`)) as PageView;
  } finally {
    await page.close();
  }
}

const report = (head: string) => `<!DOCTYPE html>
<html lang="en">
<head>
${head}
<title>Sales by region</title>
<style>h1 { color: rgb(0, 128, 0); }</style>
</head>
<body>
<h1>Sales by region</h1>
<table><thead><tr><th>Region</th><th>Total</th></tr></thead>
<tbody><tr><td>North</td><td>1200</td></tr><tr><td>South</td><td>800</td></tr></tbody></table>
</body>
</html>`;

describe('sanitizeHtml keeps a whole report document visible', () => {
  it.each([
    [
      'a viewport meta',
      '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">',
    ],
    ['a description meta', '<meta name="description" content="Weekly sales">'],
    ['a refresh meta', '<meta http-equiv="refresh" content="0; url=https://evil.example/">'],
    [
      'several metas and a link',
      '<meta name="a" content="1"><meta name="b" content="2"><link rel="stylesheet" href="https://cdn.example/x.css">',
    ],
  ])('with %s before the title', async (_name, head) => {
    const sanitized = sanitizeHtml(report(head));
    const page = await shown(sanitized);
    expect(page.title).toBe('Sales by region');
    expect(page.text).toBe('Sales by region Region Total North 1200 South 800');
    expect(page.cells).toEqual(['North', '1200', 'South', '800']);
    expect(page.headingColor).toBe('rgb(0, 128, 0)');
    expect(sanitized).not.toMatch(/http-equiv|viewport|evil\.example|<link/);
  });

  it('keeps <meta charset> as the only meta', () => {
    const sanitized = sanitizeHtml(report('<meta charset="latin1"><meta name="viewport" content="x">'));
    expect(sanitized.match(/<meta[^>]*>/g)).toEqual(['<meta charset="utf-8" />']);
  });
});
