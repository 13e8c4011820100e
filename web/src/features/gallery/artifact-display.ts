import {
  mdiCodeJson,
  mdiFileDelimitedOutline,
  mdiFileExcelOutline,
  mdiFilePdfBox,
  mdiLanguageHtml5,
} from '@mdi/js';
import type { OutputFormat } from '../../../../shared/contracts/report';

const icons: Record<OutputFormat, string> = {
  pdf: mdiFilePdfBox,
  csv: mdiFileDelimitedOutline,
  json: mdiCodeJson,
  html: mdiLanguageHtml5,
  xlsx: mdiFileExcelOutline,
};
export const formatIcon = (format: OutputFormat): string => icons[format];

/** `0 B`, `12.3 KB`, `4.5 MB` (1024-based, one decimal below 100). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** How the drawer previews a format: the PDF itself in a frame, rows in a table (CSV, JSON, XLSX), HTML sandboxed. */
export type PreviewKind = 'pdf' | 'rows' | 'html';
export const previewKind = (format: OutputFormat): PreviewKind =>
  format === 'pdf' ? 'pdf' : format === 'html' ? 'html' : 'rows';

/** A cell of the rows preview as text (objects as JSON, null as empty). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The gallery deep link of one artifact (what emails link to). */
export const galleryLink = (origin: string, artifactId: string): string =>
  `${origin}/gallery?artifact=${encodeURIComponent(artifactId)}`;
