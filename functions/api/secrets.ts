import { z } from 'zod';
import {
  deleteTenantSecret,
  describeTenantSecret,
  listTenantSecrets,
  putTenantSecret,
} from '../../shared/app/secrets/manage-tenant-secrets';
import { pageSchema } from '../../shared/contracts/common';
import { PutSecretRequest, SecretMetadata, SecretNameParams } from '../../shared/contracts/tenant-secret';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';

/** `/v1/secrets`: the tenant's own secrets, which data sources and delivery targets name as `secret:NAME`. */
const admins = ['tenant_admin'] as const;
const about =
  'Values are write-only: no response ever contains one. Data sources and delivery targets reference a ' +
  "secret as `secret:NAME`; a reference can reach only this tenant's secrets.";

export const putSecret = defineEndpoint({
  name: 'putSecret',
  method: 'PUT',
  route: 'v1/secrets/{name}',
  summary: 'Create or rotate a secret (tenant admins; the value is never returned)',
  description: `${about} A new name answers 201, a rotation 200; both are audited without the value.`,
  tags: ['secrets'],
  roles: admins,
  params: SecretNameParams,
  body: PutSecretRequest,
  errors: ['CONFLICT', 'QUOTA_EXCEEDED'],
  responses: { 200: SecretMetadata, 201: SecretMetadata },
  examples: { request: { value: 'whsec_…' } },
  handler: async ({ principal, params, body }, deps) => {
    const { created, secret } = await putTenantSecret(deps.secrets, principal, params.name, body.value);
    return created ? reply(201, secret, { location: `/api/v1/secrets/${secret.name}` }) : reply(200, secret);
  },
});

export const listSecrets = defineEndpoint({
  name: 'listSecrets',
  method: 'GET',
  route: 'v1/secrets',
  summary: "List the tenant's secrets: names and update times only (one page)",
  description: `${about} Secrets the operator set in the service's settings are listed with source "operator".`,
  tags: ['secrets'],
  roles: admins,
  query: z.strictObject({}),
  responses: { 200: pageSchema(SecretMetadata) },
  handler: async ({ principal }, deps) => ({
    items: await listTenantSecrets(deps.secrets, principal),
    nextCursor: null,
  }),
});

export const getSecret = defineEndpoint({
  name: 'getSecret',
  method: 'GET',
  route: 'v1/secrets/{name}',
  summary: "One secret's metadata (never its value)",
  description: `${about} Answers the name, when it was last set and its source; 404 for a name that is not set.`,
  tags: ['secrets'],
  roles: admins,
  params: SecretNameParams,
  errors: ['NOT_FOUND'],
  responses: { 200: SecretMetadata },
  handler: ({ principal, params }, deps) => describeTenantSecret(deps.secrets, principal, params.name),
});

export const deleteSecret = defineEndpoint({
  name: 'deleteSecret',
  method: 'DELETE',
  route: 'v1/secrets/{name}',
  summary: 'Delete a secret (tenant admins); references to it fail until it is set again',
  description: `${about} Audited. Data sources and targets that reference it fail with SECRET_NOT_FOUND until it is set again.`,
  tags: ['secrets'],
  roles: admins,
  params: SecretNameParams,
  errors: ['NOT_FOUND'],
  responses: { 204: z.undefined() },
  handler: async ({ principal, params }, deps) => {
    await deleteTenantSecret(deps.secrets, principal, params.name);
    return noContent();
  },
});
