import { describe, expect, it } from 'vitest';
import { addRecipients, countExternal, recipientProblem, splitRecipients } from './recipients';

describe('recipient parsing', () => {
  it('splits a pasted list on commas, semicolons and new lines', () => {
    expect(
      splitRecipients('ann@example.com, bob@example.com;carl@example.org\n\r\ndora@example.com\t'),
    ).toEqual(['ann@example.com', 'bob@example.com', 'carl@example.org', 'dora@example.com']);
  });

  it('takes the address out of "Name <address>" and mailto: links', () => {
    expect(splitRecipients('Ann Lee <ann@example.com>; mailto:bob@example.com')).toEqual([
      'ann@example.com',
      'bob@example.com',
    ]);
  });

  it('adds new addresses in order and drops repeats case-insensitively', () => {
    expect(addRecipients(['ann@example.com'], 'ANN@example.com, bob@example.com, bob@example.com')).toEqual({
      recipients: ['ann@example.com', 'bob@example.com'],
      duplicates: ['ANN@example.com', 'bob@example.com'],
    });
  });

  it('says what is wrong with a bad address, and nothing for a good one', () => {
    expect(recipientProblem('ann@example')).toBe('“ann@example” is not an email address');
    expect(recipientProblem('ann.example.com')).toBe('“ann.example.com” is not an email address');
    expect(recipientProblem('ann@example.com')).toBeNull();
    expect(recipientProblem('Ann@Example.com', ['ann@example.com'])).toBe('Ann@Example.com is listed twice');
  });

  it('counts external recipients only when the internal domains are known', () => {
    const list = ['a@acme.com', 'b@ACME.com', 'c@partner.io'];
    expect(countExternal(list, ['acme.com'])).toBe(1);
    expect(countExternal(list, [])).toBeNull();
  });
});
