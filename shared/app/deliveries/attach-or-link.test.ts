import { describe, expect, it } from 'vitest';
import { attachOrLink } from './attach-or-link';

describe('attachOrLink (one rule for sends and previews)', () => {
  const file = { fileName: 'sales.pdf', bytes: 3 * 1_048_576 };

  it('attaches a wanted file that fits the channel', () => {
    expect(attachOrLink(true, file, 10 * 1_048_576)).toEqual({ attach: true, note: null });
  });

  it('sends a link, and says why, when the file is larger than the channel carries', () => {
    const decision = attachOrLink(true, file, 1_048_576);
    expect(decision.attach).toBe(false);
    expect(decision.note).toBe(
      'The file sales.pdf (3.0 MB) is larger than this channel carries (1.0 MB), so it is sent as a download link instead of an attachment.',
    );
  });

  it('attaches nothing when no file is wanted or there is none', () => {
    expect(attachOrLink(false, file, Infinity)).toEqual({ attach: false, note: null });
    expect(attachOrLink(true, undefined, Infinity)).toEqual({ attach: false, note: null });
  });
});
