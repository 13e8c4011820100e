import { Context, Liquid, toValueSync } from 'liquidjs';
import { BoundedEmitter } from './bounded-emitter';
import { createChartFilter } from './filters/chart-filter';
import { createFormatDateFilter } from './filters/format-date-filter';
import { createNumberFilters } from './filters/number-filters';
import type { RenderSettings } from './filters/render-settings';
import { createParsedTemplateCache } from './parsed-template-cache';
import { toTemplateError, type TemplatePart } from './template-errors';
import { defaultTemplateLimits, type TemplateLimits } from './template-limits';

export interface TemplateEngine {
  /**
   * Parses and renders one template part to HTML. Throws AppError TEMPLATE_ERROR (with line and column)
   * or TEMPLATE_LIMIT; both are permanent.
   */
  render(part: TemplatePart, source: string, scope: object, settings: RenderSettings): string;
}

/**
 * The Liquid engine for reports — one per process, built by the composition root. Safe by construction:
 * strict variables and filters, own properties only, every output HTML-escaped (no `raw` filter), no
 * file system (`include`/`render`/`layout` look in an empty in-memory map), finite parse, time, memory
 * and output budgets. Filters: currency, percentage, number, format_date, chart.
 */
export function createTemplateEngine(limits: Partial<TemplateLimits> = {}): TemplateEngine {
  const budget: TemplateLimits = { ...defaultTemplateLimits, ...limits };
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // `{% if params.region %}` may test an absent name; printing one is still an error.
    lenientIf: true,
    outputEscape: 'escape',
    templates: {},
    relativeReference: false,
    jsTruthy: false,
    // The built-in `date` filter shows UTC whatever the server's zone; format_date uses the tenant's.
    timezoneOffset: 0,
    parseLimit: budget.parseLimit,
    renderLimit: budget.renderLimitMs,
    memoryLimit: budget.memoryLimit,
  });
  liquid.unregisterFilter('raw');

  const settingsByContext = new WeakMap<Context, RenderSettings>();
  const settingsOf = (context: Context): RenderSettings => {
    const settings = settingsByContext.get(context);
    if (!settings) throw new Error('filter used outside a report render');
    return settings;
  };
  for (const [name, filter] of Object.entries(createNumberFilters(settingsOf)))
    liquid.registerFilter(name, filter);
  liquid.registerFilter('format_date', createFormatDateFilter(settingsOf));
  liquid.registerFilter('chart', createChartFilter(budget.chartPointLimit));
  const parse = createParsedTemplateCache((source) => liquid.parse(source));

  return {
    render(part, source, scope, settings) {
      try {
        const templates = parse(source);
        const context = new Context(scope, liquid.options, { sync: true }, { liquid });
        settingsByContext.set(context, settings);
        const emitter = new BoundedEmitter(budget.outputLimit);
        toValueSync(liquid.renderer.renderTemplates(templates, context, emitter));
        return emitter.buffer;
      } catch (err) {
        throw toTemplateError(err, part);
      }
    },
  };
}
