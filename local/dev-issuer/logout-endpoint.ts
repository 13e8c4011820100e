import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirectWith } from './authorization-request';
import { escapeHtml, sendPage } from './html-page';
import { isAllowedRedirect, type OidcClientPolicy } from './oidc-client-policy';
import { redirect } from './oauth-responses';

/**
 * RP-initiated logout: nothing to end here (the issuer keeps no session), so it sends the browser to
 * the client's `post_logout_redirect_uri` with its state, when that URI is one of the client's origins.
 */
export function handleLogout(
  policy: OidcClientPolicy,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  const target = url.searchParams.get('post_logout_redirect_uri') ?? undefined;
  if (target === undefined)
    return sendPage(res, 200, { title: 'Signed out', body: '<h1>You are signed out</h1>' });
  if (!isAllowedRedirect(policy, target))
    return sendPage(res, 400, {
      title: 'Sign-out request refused',
      body: `<h1>This sign-out request was refused</h1>\n<p role="alert">post_logout_redirect_uri "${escapeHtml(target)}" is not allowed.</p>`,
    });
  redirect(res, redirectWith(target, { state: url.searchParams.get('state') ?? undefined }));
}
