/**
 * Screen and print styles every report document carries. Print: backgrounds kept, table headers repeated
 * on every page (`thead` as a header group), rows, charts and figures never split across pages, headings
 * kept with what follows; `.page-break` forces a new page.
 */
export const reportStylesheet = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Open Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #1f2328; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
h2 { font-size: 14pt; margin: 12pt 0 6pt; }
h3 { font-size: 12pt; margin: 10pt 0 4pt; }
p { margin: 0 0 6pt; }
.meta, .description { color: #57606a; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; }
th, td { padding: 3pt 6pt; border-bottom: 0.5pt solid #d0d7de; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.report-chart { margin: 8pt 0; }
.report-chart svg { max-width: 100%; height: auto; }
.report-header, .report-footer { color: #57606a; font-size: 9pt; }
@media print {
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, td, th, img, svg, figure, .report-chart, .keep-together { page-break-inside: avoid; break-inside: avoid; }
  h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  .page-break { page-break-before: always; break-before: page; }
}
`;
