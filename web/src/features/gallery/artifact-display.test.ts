import { describe, expect, it } from 'vitest';
import { cellText, formatBytes, galleryLink, previewKind } from './artifact-display';

describe('artifact display', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [150 * 1024, '150 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
  ])('formatBytes(%i) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('previews PDF as a document, CSV and JSON as rows, HTML sandboxed', () => {
    expect(['pdf', 'csv', 'json', 'html'].map((f) => previewKind(f as 'pdf'))).toEqual([
      'pdf',
      'rows',
      'rows',
      'html',
    ]);
  });

  it('shows cells as text and links the gallery deep link', () => {
    expect([cellText(null), cellText(3), cellText({ a: 1 })]).toEqual(['', '3', '{"a":1}']);
    expect(galleryLink('http://h', 'a b')).toBe('http://h/gallery?artifact=a%20b');
  });
});
