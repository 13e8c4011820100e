/**
 * The recipients field: text typed or pasted becomes chips (split on , ; and new lines); a chip that is not an
 * address stays, in red with its reason, until it is removed or taken back into the text box to be corrected.
 */
import { computed, ref, type Ref } from 'vue';
import { addRecipients, recipientProblem } from './recipients';

export interface RecipientChip {
  address: string;
  problem: string | null;
}

export function useRecipientsInput(recipients: Ref<string[]>) {
  const draft = ref('');
  const notice = ref<string | null>(null);

  const chips = computed<RecipientChip[]>(() =>
    recipients.value.map((address, i) => ({
      address,
      problem: recipientProblem(address, recipients.value.slice(0, i)),
    })),
  );
  const problems = computed(() => chips.value.flatMap((chip) => (chip.problem ? [chip.problem] : [])));

  /** Turns text into chips; returns true when something was added. */
  function commit(text: string = draft.value): boolean {
    const change = addRecipients(recipients.value, text);
    const added = change.recipients.length - recipients.value.length;
    if (added > 0) recipients.value = change.recipients;
    notice.value = change.duplicates.length ? `Already listed: ${change.duplicates.join(', ')}` : null;
    if (text === draft.value) draft.value = '';
    return added > 0;
  }

  /** A paste of several addresses becomes chips at once. */
  function paste(text: string): boolean {
    if (!/[,;\n\r\t]/.test(text)) return false;
    commit(`${draft.value}${text}`);
    draft.value = '';
    return true;
  }

  /** A typed separator commits what is before it. */
  function type(value: string): void {
    if (/[,;]$/.test(value)) {
      draft.value = value.slice(0, -1);
      commit();
    } else draft.value = value;
  }

  function remove(index: number): void {
    recipients.value = recipients.value.filter((_, i) => i !== index);
  }

  /** Takes a chip back into the text box to correct it. */
  function edit(index: number): void {
    const address = recipients.value[index];
    if (address === undefined) return;
    remove(index);
    draft.value = address;
  }

  return { draft, notice, chips, problems, commit, paste, type, remove, edit };
}
