/**
 * Bounds on one template render, so a template that loops forever or explodes its output fails fast
 * with TEMPLATE_LIMIT instead of pinning a worker (DESIGN D8).
 */
export interface TemplateLimits {
  /** Characters of template source one parse may read. */
  parseLimit: number;
  /** Wall time one render may take, in milliseconds (checked before every tag, output and text node). */
  renderLimitMs: number;
  /**
   * liquidjs' allocation budget: ranges, arrays built by filters, strings built by filters and every
   * escaped output count against it (in elements / characters), for the whole render.
   */
  memoryLimit: number;
  /** Characters of output one render may produce. */
  outputLimit: number;
  /** Categories (or slices) one chart may draw. */
  chartPointLimit: number;
}

export const defaultTemplateLimits: TemplateLimits = Object.freeze({
  parseLimit: 1_000_000,
  renderLimitMs: 10_000,
  memoryLimit: 64_000_000,
  outputLimit: 64_000_000,
  chartPointLimit: 1_000,
});
