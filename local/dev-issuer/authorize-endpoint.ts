import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { roleSchema, type Role } from '../../shared/contracts/common';
import { devTokenRequestSchema } from '../../shared/contracts/dev-token';
import type { createAuthorizationCodes } from './authorization-codes';
import { parseAuthorizationRequest, redirectWith, type AuthorizationRequest } from './authorization-request';
import { escapeHtml, sendPage } from './html-page';
import type { OidcClientPolicy } from './oidc-client-policy';
import { redirect } from './oauth-responses';
import { readForm } from './read-form';
import { sendSignInPage, type SignInErrors, type SignInValues } from './sign-in-page';

interface AuthorizeDeps {
  policy: OidcClientPolicy;
  codes: ReturnType<typeof createAuthorizationCodes>;
  /** This endpoint's path, where the form posts back. */
  path: string;
}

const defaults: SignInValues = { tenant: 'demo', user: 'me', roles: ['tenant_admin'] };

/**
 * `GET` shows the sign-in form for a valid authorization request; `POST` (the form) issues a one-time
 * code and sends the browser back to the client's redirect URI with it and the client's state.
 */
export async function handleAuthorize(
  deps: AuthorizeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const parsed = parseAuthorizationRequest(deps.policy, (name) => url.searchParams.get(name) ?? undefined);
    if (parsed.kind !== 'ok') return refuse(res, parsed);
    return sendSignInPage(res, { request: parsed.request, action: deps.path, values: defaults });
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' }).end();
    return;
  }
  const form = await readForm(req);
  if (!form) return sendPage(res, 415, errorPage('The sign-in form must be posted form-encoded.'));
  const parsed = parseAuthorizationRequest(deps.policy, (name) => form.get(name) ?? undefined);
  if (parsed.kind !== 'ok') return refuse(res, parsed);
  const { request } = parsed;
  if (form.get('action') === 'cancel')
    return redirect(
      res,
      redirectWith(request.redirect_uri, { error: 'access_denied', state: request.state }),
    );

  const values: SignInValues = {
    tenant: (form.get('tenant') ?? '').trim(),
    user: (form.get('user') ?? '').trim(),
    roles: rolesOf(form),
  };
  const errors = checkSignIn(values);
  if (Object.keys(errors).length) return sendSignInPage(res, { request, action: deps.path, values, errors });
  const code = deps.codes.issue(grantOf(request, values));
  redirect(res, redirectWith(request.redirect_uri, { code, state: request.state }));
}

function refuse(
  res: ServerResponse,
  parsed: Exclude<ReturnType<typeof parseAuthorizationRequest>, { kind: 'ok' }>,
) {
  if (parsed.kind === 'bad-client') return sendPage(res, 400, errorPage(parsed.message));
  redirect(
    res,
    redirectWith(parsed.redirectUri, {
      error: 'invalid_request',
      error_description: parsed.message,
      state: parsed.state,
    }),
  );
}

const errorPage = (message: string) => ({
  title: 'Sign-in request refused — Report Scheduler (local)',
  body: `<h1>This sign-in request was refused</h1>\n<p role="alert">${escapeHtml(message)}</p>`,
});

/** Every `roles` value of the posted form (checkboxes repeat the name); unknown ones are dropped. */
const rolesOf = (form: URLSearchParams): Role[] => [
  ...new Set(form.getAll('roles').flatMap((r) => (roleSchema.safeParse(r).success ? [r as Role] : []))),
];

const fieldSchemas = {
  tenant: devTokenRequestSchema.shape.tenantId,
  user: devTokenRequestSchema.shape.userId,
  roles: devTokenRequestSchema.shape.roles,
} satisfies Record<keyof SignInValues, z.ZodType>;

function checkSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  if (!fieldSchemas.tenant.safeParse(values.tenant).success)
    errors.tenant = 'Enter a tenant id of 1–64 letters, digits, "-" or "_".';
  if (!fieldSchemas.user.safeParse(values.user).success) errors.user = 'Enter a user id (1–128 characters).';
  if (!fieldSchemas.roles.safeParse(values.roles).success) errors.roles = 'Choose at least one role.';
  return errors;
}

const grantOf = (request: AuthorizationRequest, values: SignInValues) => ({
  clientId: request.client_id,
  redirectUri: request.redirect_uri,
  codeChallenge: request.code_challenge,
  nonce: request.nonce,
  scope: request.scope,
  tenantId: values.tenant,
  userId: values.user,
  roles: [...values.roles],
});
