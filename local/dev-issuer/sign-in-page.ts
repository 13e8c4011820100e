import type { ServerResponse } from 'node:http';
import { roleSchema, type Role } from '../../shared/contracts/common';
import { AUTHORIZATION_PARAMETERS, type AuthorizationRequest } from './authorization-request';
import { escapeHtml, sendPage } from './html-page';

export interface SignInValues {
  tenant: string;
  user: string;
  roles: readonly Role[];
}

export type SignInErrors = Partial<Record<keyof SignInValues, string>>;

const ROLE_LABELS: Record<Role, string> = {
  tenant_admin: 'Tenant admin — everything in the tenant',
  report_creator: 'Report creator — edits the reports and schedules they own',
  viewer: 'Viewer — reads only',
};

const described = (id: string, error: string | undefined) =>
  error ? ` aria-invalid="true" aria-describedby="${id}-hint ${id}-error"` : ` aria-describedby="${id}-hint"`;
const errorLine = (id: string, error: string | undefined) =>
  error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '';

/** The dev issuer's sign-in form: who to be (tenant, user, roles) for the client that asked. */
export function sendSignInPage(
  res: ServerResponse,
  options: { request: AuthorizationRequest; action: string; values: SignInValues; errors?: SignInErrors },
): void {
  const { request, values } = options;
  const errors = options.errors ?? {};
  const hidden = AUTHORIZATION_PARAMETERS.flatMap((name) => {
    const value = request[name];
    return value === undefined ? [] : [`<input type="hidden" name="${name}" value="${escapeHtml(value)}">`];
  }).join('\n');
  const roles = roleSchema.options
    .map(
      (role) =>
        `<label><input type="checkbox" name="roles" value="${role}"${values.roles.includes(role) ? ' checked' : ''}> ${escapeHtml(ROLE_LABELS[role])}</label>`,
    )
    .join('\n');
  const summary = Object.keys(errors).length
    ? '<p class="error" role="alert">Check the fields marked below.</p>'
    : '';
  const body = `<h1>Sign in to Report Scheduler</h1>
<p class="hint">Local development sign-in: choose who you are. Nothing is checked but the form.</p>
${summary}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
${hidden}
<label for="tenant">Tenant</label>
<p class="hint" id="tenant-hint">Letters, digits, "-" and "_" (the demo tenant is "demo").</p>
<input type="text" id="tenant" name="tenant" value="${escapeHtml(values.tenant)}" autocomplete="organization" required${described('tenant', errors.tenant)}>
${errorLine('tenant', errors.tenant)}
<label for="user">User id</label>
<p class="hint" id="user-hint">Any name; it becomes the token's subject.</p>
<input type="text" id="user" name="user" value="${escapeHtml(values.user)}" autocomplete="username" required${described('user', errors.user)}>
${errorLine('user', errors.user)}
<fieldset${errors.roles ? ' aria-describedby="roles-error"' : ''}>
<legend>Roles</legend>
${roles}
</fieldset>
${errorLine('roles', errors.roles)}
<div class="actions">
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>`;
  sendPage(res, Object.keys(errors).length ? 400 : 200, {
    title: 'Sign in — Report Scheduler (local)',
    body,
    formOrigins: [new URL(request.redirect_uri).origin],
  });
}
