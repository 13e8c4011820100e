import type { ReportPage } from './report-page';

/**
 * A PNG of the top of the document (page 1's area), scaled to `width` pixels. Straight DevTools: puppeteer
 * drops the clip's scale unless it captures beyond the viewport, which relays the whole document out
 * (seconds for a 10k-row table); this paints one viewport.
 */
export async function screenshotPng(
  tab: ReportPage,
  area: { width: number; height: number },
  width: number,
): Promise<Buffer> {
  const { data } = await tab.devtools.send('Page.captureScreenshot', {
    format: 'png',
    clip: { x: 0, y: 0, width: area.width, height: area.height, scale: width / area.width },
    captureBeyondViewport: false,
    optimizeForSpeed: true,
  });
  return Buffer.from(data, 'base64');
}
