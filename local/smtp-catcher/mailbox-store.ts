import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** What the dev mailbox lists for one received message (`GET /api/v1/dev/mailbox`). */
export interface CaughtMail {
  id: string;
  /**
   * The tenant whose delivery sent it (the email channel's `X-Report-Scheduler-Tenant` header, set in local
   * mode); null for mail from anything else, which no tenant sees.
   */
  tenantId: string | null;
  /** The envelope recipients (RCPT TO): who this copy was delivered to. */
  to: string[];
  /** The `To` and `Cc` headers as written, so a test can check no recipient saw the others. */
  headerTo: string[];
  cc: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments: { filename: string; contentType: string; size: number }[];
  receivedAt: string;
}

export interface MailboxStore {
  /** Keeps the parsed fields as `<id>.json` and the raw message as `<id>.eml`. */
  add(mail: Omit<CaughtMail, 'id'>, raw: Buffer): Promise<CaughtMail>;
  /**
   * Every message in the order received, optionally only one tenant's (`tenantId`) and only those delivered
   * to `to` (case-insensitive).
   */
  list(filter?: MailFilter): Promise<CaughtMail[]>;
  /** The raw .eml of one message, or undefined. */
  raw(id: string): Promise<Buffer | undefined>;
  /** Deletes every message, or only one tenant's. */
  clear(filter?: Pick<MailFilter, 'tenantId'>): Promise<void>;
}

export interface MailFilter {
  to?: string;
  tenantId?: string;
}

/**
 * The catcher's mailbox: one directory of files, so it survives a restart of the local host and can be
 * looked at with any tool. Ids start with the receive time, so a directory listing is the order received;
 * the JSON is written last and renamed into place, so a listing never sees half a message.
 */
export function createMailboxStore(dir: string): MailboxStore {
  const ensure = () => fs.mkdir(dir, { recursive: true });
  const file = (id: string, ext: string) => path.join(dir, `${id}.${ext}`);

  return {
    async add(mail, raw) {
      await ensure();
      const id = `${Date.parse(mail.receivedAt).toString().padStart(15, '0')}-${randomUUID().slice(0, 8)}`;
      const caught: CaughtMail = { id, ...mail };
      await fs.writeFile(file(id, 'eml'), raw);
      await fs.writeFile(file(id, 'json.tmp'), JSON.stringify(caught, null, 2));
      await fs.rename(file(id, 'json.tmp'), file(id, 'json'));
      return caught;
    },

    async list(filter = {}) {
      await ensure();
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      const all = await Promise.all(
        names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as CaughtMail),
      );
      const to = filter.to?.toLowerCase();
      return all
        .map((m) => ({ ...m, tenantId: m.tenantId ?? null })) // kept before mail had a tenant
        .filter((m) => filter.tenantId === undefined || m.tenantId === filter.tenantId)
        .filter((m) => !to || m.to.some((r) => r.toLowerCase() === to));
    },

    async raw(id) {
      if (!/^[0-9]+-[0-9a-f]{8}$/.test(id)) return undefined;
      return fs.readFile(file(id, 'eml')).catch(() => undefined);
    },

    async clear(filter = {}) {
      await ensure();
      if (filter.tenantId === undefined) {
        for (const name of await fs.readdir(dir)) await fs.rm(path.join(dir, name), { force: true });
        return;
      }
      for (const mail of await this.list(filter)) {
        await fs.rm(file(mail.id, 'json'), { force: true }); // first: a listing never shows a mail without its .eml
        await fs.rm(file(mail.id, 'eml'), { force: true });
      }
    },
  };
}
