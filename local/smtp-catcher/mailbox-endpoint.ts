import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorEnvelope } from '../../shared/contracts/error-envelope';
import { AppError, toAppError } from '../../shared/domain/errors';
import { pickRequestId } from '../../functions/http/request-id';
import type { MailboxStore } from './mailbox-store';

export const DEV_MAILBOX_PATH = '/api/v1/dev/mailbox';

/**
 * `GET /api/v1/dev/mailbox[?to=address]` lists what the SMTP catcher received; `DELETE` empties it (for
 * tests). Mounted by the local host only: in Azure the route does not exist.
 */
export function createMailboxEndpoint(mailbox: MailboxStore, clock: () => Date = () => new Date()) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/$/, '') !== DEV_MAILBOX_PATH) return false;
    const header = req.headers['x-request-id'];
    const requestId = pickRequestId(Array.isArray(header) ? header[0] : header);
    try {
      const method = req.method ?? 'GET';
      if (method === 'GET') {
        const to = url.searchParams.get('to') ?? undefined;
        send(res, 200, { items: await mailbox.list(to ? { to } : {}) }, requestId);
      } else if (method === 'DELETE') {
        await mailbox.clear();
        res.writeHead(204, { 'x-request-id': requestId }).end();
      } else {
        throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, {
          allow: ['GET', 'DELETE'],
        });
      }
    } catch (err) {
      const error = toAppError(err);
      send(res, error.status, toErrorEnvelope(error, requestId, clock()), requestId);
    }
    return true;
  };
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  res.end(text);
}
