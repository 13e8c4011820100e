import { Liquid } from 'liquidjs';
import { AppError } from '../../domain/errors';

/** The variables a subject or body template may use. */
export interface EmailVariables {
  reportName: string;
  /** The run's date (its fire time, else its creation) in the tenant's time zone: YYYY-MM-DD. */
  executionDate: string;
  artifactUrl: string;
  tenantName: string;
  galleryUrl: string;
  downloadUrl: string;
}

export const defaultSubjectTemplate = '{{ reportName }} - {{ executionDate }}';
export const defaultBodyTemplate =
  '<p>Your report <strong>{{ reportName }}</strong> for {{ executionDate }} is ready.</p>' +
  '<p><a href="{{ downloadUrl }}">Download the report</a> or ' +
  '<a href="{{ galleryUrl }}">open it in the gallery</a>.</p>';

const limits = { parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 10_000_000 };
/** Every `{{ }}` output is HTML-escaped: a report or tenant name cannot inject markup into the body. */
const htmlLiquid = new Liquid({ ...limits, ownPropertyOnly: true, outputEscape: 'escape', templates: {} });
/** The subject is a header, not HTML: nothing to escape, but line breaks are removed (header injection). */
const textLiquid = new Liquid({ ...limits, ownPropertyOnly: true, templates: {} });
htmlLiquid.unregisterFilter('raw');

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders the subject and both body parts. The plain-text part is derived from the rendered HTML (links
 * become `label (url)`), so the two always say the same thing. `note` (why a file came as a link) is
 * added to both parts.
 */
export function renderEmail(
  templates: { subject?: string | undefined; body?: string | undefined },
  vars: EmailVariables,
  note?: string,
): EmailMessage {
  const render = (liquid: Liquid, source: string) => {
    try {
      return String(liquid.parseAndRenderSync(source, { ...vars }));
    } catch (err) {
      // The same template fails the same way on every attempt: a permanent failure, not retried.
      throw new AppError(
        'TEMPLATE_ERROR',
        `The email template cannot be rendered: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
        { suggestedFix: "Fix the delivery target's or the schedule's email template." },
        { cause: err },
      );
    }
  };
  const subject = render(textLiquid, templates.subject ?? defaultSubjectTemplate)
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 900);
  let html = render(htmlLiquid, templates.body ?? defaultBodyTemplate);
  if (note) html += `<p>${escapeText(note)}</p>`;
  return { subject: subject || vars.reportName, text: htmlToText(html), html };
}

const escapeText = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e]!);

/** A readable plain-text rendering of simple HTML (links keep their target). */
export function htmlToText(html: string): string {
  return decode(
    html
      .replace(
        /<a\b[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi,
        (_m, _q, href: string, label: string) => {
          const text = label.replace(/<[^>]*>/g, '').trim();
          return text && text !== href ? `${text} (${href})` : href;
        },
      )
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr|table)>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
