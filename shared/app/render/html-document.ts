import { escapeHtml } from './escape-html';
import { reportStylesheet } from './print-stylesheet';

export interface HtmlDocumentParts {
  title: string;
  lang?: string | undefined;
  /** Rendered HTML fragments. */
  body: string;
  header?: string | undefined;
  footer?: string | undefined;
}

/**
 * A complete, self-contained HTML document: no scripts, no external resources, a Content-Security-Policy
 * that forbids both (so a saved HTML artifact fetches nothing in a browser either), and the print styles.
 */
export function composeHtmlDocument(parts: HtmlDocumentParts): string {
  const header = parts.header ? `<header class="report-header">${parts.header}</header>\n` : '';
  const footer = parts.footer ? `\n<footer class="report-footer">${parts.footer}</footer>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(parts.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${reportStylesheet}</style>
</head>
<body>
${header}<main class="report-body">
${parts.body}
</main>${footer}
</body>
</html>
`;
}
