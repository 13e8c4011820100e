/**
 * Appended to every document. Chromium lays a loaded document out for the screen as well as for print,
 * and after printing it lays it out for the screen again; for a 10k-row table (auto table layout measures
 * every row) those screen layouts cost a fifth or more of the render. Only page 1's area is ever seen on
 * screen (the thumbnail), so on screen table rows past the 200th are not laid out. Print is untouched.
 * The price: a thumbnail's column widths may differ slightly from the PDF's, and print-only styles do
 * not show in it.
 */
export const screenLayoutLimit =
  '<style media="screen">tbody > tr:nth-child(n+201) { display: none; }</style>';
