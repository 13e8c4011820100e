import { describe, expect, it } from 'vitest';
import { diffCounts, lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('keeps common lines and marks the changed ones removed then added', () => {
    expect(lineDiff('select a\nfrom t\nwhere x', 'select a, b\nfrom t\nwhere x')).toEqual([
      { kind: 'removed', text: 'select a' },
      { kind: 'added', text: 'select a, b' },
      { kind: 'same', text: 'from t' },
      { kind: 'same', text: 'where x' },
    ]);
  });

  it('finds lines inserted and deleted in the middle', () => {
    const lines = lineDiff('a\nb\nc\nd', 'a\nc\nx\nd');
    expect(lines.map((l) => `${l.kind[0]}${l.text}`)).toEqual(['sa', 'rb', 'sc', 'ax', 'sd']);
    expect(diffCounts(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('same text is all same; empty sides are all added or all removed; CRLF equals LF', () => {
    expect(diffCounts(lineDiff('x\ny', 'x\r\ny'))).toEqual({ added: 0, removed: 0 });
    expect(lineDiff('', 'one\ntwo').map((l) => l.kind)).toEqual(['added', 'added']);
    expect(lineDiff('one', '').map((l) => l.kind)).toEqual(['removed']);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('rebuilds both texts: the same and removed lines are the old one, the same and added the new one', () => {
    const before = 'h1\np\n{% for r in rows %}\n<td>{{ r.a }}</td>\n{% endfor %}\nfooter';
    const after = 'h1\n{% for r in rows %}\n<td>{{ r.a }}</td>\n<td>{{ r.b }}</td>\n{% endfor %}\nfooter 2';
    const lines = lineDiff(before, after);
    const join = (kind: string) =>
      lines
        .filter((l) => l.kind !== kind)
        .map((l) => l.text)
        .join('\n');
    expect(join('added')).toBe(before);
    expect(join('removed')).toBe(after);
    expect(lines.filter((l) => l.kind === 'same')).toHaveLength(4);
  });
});
