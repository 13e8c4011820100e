import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useRecipientsInput } from './use-recipients-input';

describe('useRecipientsInput', () => {
  it('a pasted list becomes chips, a bad address in red with its reason', () => {
    const recipients = ref<string[]>([]);
    const input = useRecipientsInput(recipients);
    expect(input.paste('ann@example.com; bob@example\ncarl@example.org')).toBe(true);
    expect(recipients.value).toEqual(['ann@example.com', 'bob@example', 'carl@example.org']);
    expect(input.chips.value.map((c) => c.problem)).toEqual([
      null,
      '“bob@example” is not an email address',
      null,
    ]);
    expect(input.problems.value).toHaveLength(1);
  });

  it('typing a separator commits; a single pasted address is left to the text box', () => {
    const recipients = ref<string[]>(['ann@example.com']);
    const input = useRecipientsInput(recipients);
    input.type('bob@example.com,');
    expect(recipients.value).toEqual(['ann@example.com', 'bob@example.com']);
    expect(input.draft.value).toBe('');
    expect(input.paste('carl@example.org')).toBe(false);
    input.type('ANN@example.com');
    input.commit();
    expect(recipients.value).toHaveLength(2);
    expect(input.notice.value).toBe('Already listed: ANN@example.com');
  });

  it('a wrong address is taken back, corrected and committed', () => {
    const recipients = ref<string[]>(['ann@example.com', 'bob@exmaple']);
    const input = useRecipientsInput(recipients);
    input.edit(1);
    expect(input.draft.value).toBe('bob@exmaple');
    expect(recipients.value).toEqual(['ann@example.com']);
    input.type('bob@example.com');
    input.commit();
    expect(recipients.value).toEqual(['ann@example.com', 'bob@example.com']);
    expect(input.problems.value).toEqual([]);
  });
});
