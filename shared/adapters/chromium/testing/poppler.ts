import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reads PDFs the way a person would, with poppler-utils (`apt-get install -y poppler-utils`): an
 * independent check of what Chromium wrote. Tests fail with this hint when the tools are missing.
 */
function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Uint8Array, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-check-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
      maxBuffer: 2 ** 28,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: apt-get install -y poppler-utils`, { cause: err });
    }
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of one page (1-based) or of the whole document, whitespace collapsed. */
export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page === undefined ? ['-layout'] : ['-layout', '-f', String(page), '-l', String(page)];
  return poppler('pdftotext', pdf, range).replace(/\s+/g, ' ').trim();
}

/** pdftotext's text per page (form feeds split pages), layout kept. */
export function pdfPagesText(pdf: Uint8Array): string[] {
  return poppler('pdftotext', pdf, ['-layout']).split('\f').slice(0, -1);
}

export function pdfInfo(pdf: Uint8Array): { pages: number; pageSize: string; tagged: boolean } {
  const info = poppler('pdfinfo', pdf, []);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  return { pages: Number(field('Pages')), pageSize: field('Page size'), tagged: field('Tagged') === 'yes' };
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(png);
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('not a PNG');
  }
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
