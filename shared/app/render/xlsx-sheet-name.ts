/** Characters Excel refuses in a sheet name (and control characters). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const forbidden = /[\\/?*:[\]\u0000-\u001f]/g;
/** Excel's limit on a sheet name's length. */
const maxLength = 31;

/**
 * A sheet name Excel accepts, made from the report's name: at most 31 characters, none of `\ / ? * : [ ]`
 * or control characters, no apostrophe at either end, not blank and not `History` (reserved).
 */
export function sheetNameOf(reportName: string): string {
  const cleaned = reportName.replace(forbidden, ' ').replace(/\s+/g, ' ').trim();
  const trimmed = [...cleaned]
    .slice(0, maxLength)
    .join('')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!trimmed) return 'Report';
  return trimmed.toLowerCase() === 'history' ? 'History report' : trimmed;
}
