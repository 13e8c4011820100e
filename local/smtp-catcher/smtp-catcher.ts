import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { TENANT_MAIL_HEADER } from '../../shared/adapters/channels/smtp-email-channel';
import { createMailboxStore, type MailboxStore } from './mailbox-store';

export interface SmtpCatcherOptions {
  /**
   * Messages are kept in `<dir>` (the local host passes `DATA_DIR/mailbox`); without one, in a temporary
   * directory removed at stop (the host's `--in-memory`).
   */
  dir?: string;
  /** 0 (default) picks a free port. The catcher only ever listens on 127.0.0.1. */
  port?: number;
  /** Larger messages are refused with 552 (default 50 MB: above every channel's attachment limit). */
  maxMessageBytes?: number;
  clock?: () => Date;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`, what the app's SMTP_URL is set to. */
  url: string;
  port: number;
  mailbox: MailboxStore;
  /** Idempotent. */
  stop(): Promise<void>;
}

/**
 * Recipient domains that answer like a real server would refuse, so the retry and dead-letter paths can
 * be exercised locally: `…@bounce.invalid` → 550 (unknown mailbox, permanent), `…@defer.invalid` → 451
 * (try again later, transient). `.invalid` is reserved (RFC 2606); no real address ends in it.
 */
const REFUSALS: Record<string, { code: number; text: string }> = {
  'bounce.invalid': { code: 550, text: '5.1.1 Unknown mailbox' },
  'defer.invalid': { code: 451, text: '4.3.0 Try again later' },
};

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((o) =>
    o.value.map((v) => v.address ?? '').filter(Boolean),
  );

/** The tenant a mail belongs to, from the header the app's email channel sets in local mode. */
function tenantOf(header: unknown): string | null {
  return typeof header === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(header.trim()) ? header.trim() : null;
}

/** `Name <address>` or `address`, without the quotes mailparser's `text` keeps. */
function fromText(field: AddressObject | undefined): string {
  const first = field?.value[0];
  if (!first?.address) return field?.text ?? '';
  return first.name ? `${first.name} <${first.address}>` : first.address;
}

/**
 * The local host's SMTP server: no auth, no TLS, loopback only, a size limit. Every message it accepts
 * is parsed (mailparser) and kept in the mailbox, where `GET /api/v1/dev/mailbox` lists it.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const dir = options.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-catcher-')));
  const mailbox = createMailboxStore(dir);
  const clock = options.clock ?? (() => new Date());

  async function keep(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const parsed = await simpleParser(raw);
    const caught = await mailbox.add(
      {
        tenantId: tenantOf(parsed.headers.get(TENANT_MAIL_HEADER.toLowerCase())),
        to: session.envelope.rcptTo.map((r) => r.address),
        headerTo: addresses(parsed.to),
        cc: addresses(parsed.cc),
        from: fromText(parsed.from),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        messageId: parsed.messageId ?? '',
        attachments: parsed.attachments.map((a) => ({
          filename: a.filename ?? '',
          contentType: a.contentType,
          size: a.size,
        })),
        receivedAt: clock().toISOString(),
      },
      raw,
    );
    return caught.id;
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    size: options.maxMessageBytes ?? 50 * 1024 * 1024,
    banner: 'report-scheduler local SMTP catcher',
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = REFUSALS[address.address.split('@').pop()?.toLowerCase() ?? ''];
      callback(refusal ? smtpError(refusal.code, refusal.text) : null);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, '5.3.4 Message exceeds the size limit'));
          return;
        }
        keep(Buffer.concat(chunks), session).then(
          (id) => callback(null, `2.0.0 Kept as ${id}`),
          (err: unknown) => callback(smtpError(451, `4.3.0 Could not keep the message: ${String(err)}`)),
        );
      });
    },
  });
  server.on('error', () => undefined); // a client's broken session must not take the host down

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mailbox,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => server.close(() => resolve())).then(async () => {
        if (!options.dir) await fs.rm(dir, { recursive: true, force: true });
      })),
  };
}
