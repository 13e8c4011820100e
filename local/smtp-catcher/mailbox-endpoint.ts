import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorEnvelope } from '../../shared/contracts/error-envelope';
import { AppError, toAppError } from '../../shared/domain/errors';
import { authenticate } from '../../functions/http/authenticate';
import { pickRequestId } from '../../functions/http/request-id';
import { requireAnyRole } from '../../shared/app/auth/require-role';
import type { TokenVerifier } from '../../shared/ports/token-verifier';
import { roleSchema } from '../../shared/contracts/common';
import type { MailboxStore } from './mailbox-store';

export const DEV_MAILBOX_PATH = '/api/v1/dev/mailbox';

/**
 * `GET /api/v1/dev/mailbox[?to=address]` lists the mail the SMTP catcher received from the caller's tenant's
 * deliveries; `DELETE` removes it (for tests). A bearer token of the host's issuer is required, as for the
 * API, and the tenant comes from it: a tenant never sees, nor deletes, another tenant's mail. Mounted by the
 * local host only: in Azure the route does not exist.
 */
export function createMailboxEndpoint(
  mailbox: MailboxStore,
  verifier: TokenVerifier,
  clock: () => Date = () => new Date(),
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/$/, '') !== DEV_MAILBOX_PATH) return false;
    const header = req.headers['x-request-id'];
    const requestId = pickRequestId(Array.isArray(header) ? header[0] : header);
    try {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'DELETE') {
        throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, {
          allow: ['GET', 'DELETE'],
        });
      }
      const principal = await authenticate(verifier, req.headers.authorization ?? null);
      requireAnyRole(principal, method === 'GET' ? roleSchema.options : ['tenant_admin', 'report_creator']);
      const { tenantId } = principal;
      if (method === 'GET') {
        const to = url.searchParams.get('to') ?? undefined;
        send(res, 200, { items: await mailbox.list(to ? { to, tenantId } : { tenantId }) }, requestId);
      } else {
        await mailbox.clear({ tenantId });
        res.writeHead(204, { 'x-request-id': requestId }).end();
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
