/**
 * Text fields by kind. A name is one line a person reads in a list, a file name, a mail subject: no control
 * characters (NUL, tabs, line breaks, DEL, C1) and no line or paragraph separator (U+2028 / U+2029). Free
 * text (descriptions) may break lines but not carry NUL. Both must be well-formed Unicode: a lone surrogate
 * cannot be written as UTF-8, so it would reach mail, CSV or PDF as a replacement character.
 *
 * Templates (report bodies, subject templates) are not checked here: they are kept exactly as written — a line
 * break or U+2028 there is content — and the stored form reads them back the same (doc-codec.ts); their schema
 * is shared with stored documents, which must stay readable.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const loneSurrogate = /\p{Cs}/u;

export const isWellFormedText = (text: string) => !loneSurrogate.test(text);

const wellFormed = { message: 'must be valid Unicode text (no lone surrogate)' };

/** A one-line name (report, schedule, target, data source, calendar, trigger). */
export const NameText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((text) => !control.test(text), {
    message: 'must not contain control characters or line breaks',
  })
  .refine(isWellFormedText, wellFormed);

/** A description: line breaks allowed, NUL not. */
export const FreeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !text.includes('\u0000'), { message: 'must not contain NUL characters' })
    .refine(isWellFormedText, wellFormed);
