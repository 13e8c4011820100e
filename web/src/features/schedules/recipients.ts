/**
 * Recipients as the builder takes them: typed one by one or pasted as a list (commas, semicolons, new lines,
 * `Name <address>`), each checked with the email rule of the schedule contract.
 */
import { z } from 'zod';

// The contract's rule (shared/contracts/schedule-email-delivery.ts: `z.email('must be an email address')`).
const Address = z.email('must be an email address');

/** The addresses in a typed or pasted text, trimmed, in order, without empties. */
export function splitRecipients(text: string): string[] {
  return text
    .split(/[,;\n\r\t]+/)
    .map((part) => {
      const angle = /<([^<>]*)>\s*$/.exec(part);
      return (angle ? angle[1]! : part).trim().replace(/^mailto:/i, '');
    })
    .filter((part) => part !== '');
}

/** Why an address is refused, or null when it is fine (`taken` is the list it would join). */
export function recipientProblem(address: string, taken: readonly string[] = []): string | null {
  if (!Address.safeParse(address).success) return `“${address}” is not an email address`;
  const key = address.toLowerCase();
  if (taken.some((other) => other.toLowerCase() === key)) return `${address} is listed twice`;
  return null;
}

export interface RecipientsChange {
  recipients: string[];
  /** Addresses from the text that were already in the list (dropped, not an error). */
  duplicates: string[];
}

/** Adds the addresses of a text to a list: new ones appended in order, repeats dropped (case-insensitive). */
export function addRecipients(list: readonly string[], text: string): RecipientsChange {
  const recipients = [...list];
  const duplicates: string[] = [];
  for (const address of splitRecipients(text)) {
    if (recipients.some((other) => other.toLowerCase() === address.toLowerCase())) duplicates.push(address);
    else recipients.push(address);
  }
  return { recipients, duplicates };
}

/** The domain of an address (lower case), or null. */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).toLowerCase() : null;
}

/** How many of the addresses are outside the given domains (none known: null, not guessed). */
export function countExternal(
  addresses: readonly string[],
  internalDomains: readonly string[],
): number | null {
  if (internalDomains.length === 0) return null;
  const internal = new Set(internalDomains.map((d) => d.toLowerCase()));
  return addresses.filter((address) => !internal.has(domainOf(address) ?? '')).length;
}
