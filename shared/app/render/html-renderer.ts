import type { PdfMargins } from '../../ports/pdf-renderer';
import { defaultReportBody } from './default-report-template';
import type { RenderSettings } from './filters/render-settings';
import { composeHtmlDocument } from './html-document';
import { defaultPdfFooter, pdfPageTemplate } from './pdf-page-templates';
import { templateScope, type ReportRenderInput } from './report-render-input';
import type { TemplateEngine } from './template-engine';

/** A report ready for Chromium: the document, and the header and footer repeated on every page. */
export interface PrintableReport {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
}

export interface HtmlRenderer {
  /** The HTML artifact: one document, the header and footer templates at its top and bottom. */
  renderDocument(input: ReportRenderInput): string;
  /** For PDF: header and footer become Chromium's running page header and footer (default: page numbers). */
  renderPrintable(input: ReportRenderInput, margins?: PdfMargins): PrintableReport;
}

function renderParts(engine: TemplateEngine, input: ReportRenderInput) {
  const scope = templateScope(input);
  const settings: RenderSettings = { locale: input.locale ?? 'en-US', timeZone: input.tenant.timezone };
  const template = input.template ?? { body: defaultReportBody };
  return {
    body: engine.render('body', template.body, scope, settings),
    header:
      template.header === undefined ? undefined : engine.render('header', template.header, scope, settings),
    footer:
      template.footer === undefined ? undefined : engine.render('footer', template.footer, scope, settings),
  };
}

/** Liquid → HTML for reports (DESIGN D8). Errors are AppError TEMPLATE_ERROR / TEMPLATE_LIMIT. */
export function createHtmlRenderer(engine: TemplateEngine): HtmlRenderer {
  return {
    renderDocument(input) {
      const parts = renderParts(engine, input);
      return composeHtmlDocument({ title: input.report.name, lang: input.locale, ...parts });
    },
    renderPrintable(input, margins = {}) {
      const { body, header, footer } = renderParts(engine, input);
      return {
        html: composeHtmlDocument({ title: input.report.name, lang: input.locale, body }),
        headerTemplate: pdfPageTemplate(header ?? '', margins),
        footerTemplate: pdfPageTemplate(footer ?? defaultPdfFooter, margins),
      };
    },
  };
}
