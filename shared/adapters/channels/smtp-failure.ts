import { DeliveryFailure } from '../../ports/delivery-channel';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Mistakes in what was sent, not in the connection: resending the same message cannot help. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EMAXRECIPIENTS', 'EAUTH', 'ENOAUTH']);

/**
 * A nodemailer error as a DeliveryFailure. The SMTP reply decides when there is one (RFC 5321: 5yz is
 * a permanent rejection such as 550 unknown mailbox, 4yz a transient one; 503 "bad sequence" only says
 * the session was in the wrong state); otherwise connection trouble (ECONNECTION, ESOCKET, ETIMEDOUT,
 * EDNS, a refused connection) is transient and an envelope or configuration mistake permanent.
 */
export function smtpFailure(err: unknown, latencyMs: number): DeliveryFailure {
  const e = (err ?? {}) as SmtpError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent =
    reply !== undefined && reply >= 400
      ? reply >= 500 && reply !== 503
      : e.code !== undefined && PERMANENT_CODES.has(e.code);
  // The server's reply is about the message (an unknown mailbox, a full inbox) and is shown; a connection
  // error names the service's own SMTP host and port (SMTP_URL), so only its code is.
  const message = reply
    ? `The SMTP server answered ${reply}: ${(e.response ?? '').slice(0, 300)}`
    : `The SMTP server could not take the message (${e.code ?? 'connection failed'})`;
  return new DeliveryFailure(
    message,
    permanent,
    { latencyMs, ...(reply ? { statusCode: reply } : {}), ...(e.code ? { code: e.code } : {}) },
    { cause: err },
  );
}
