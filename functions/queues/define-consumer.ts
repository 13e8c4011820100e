import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import { getDeps, type Deps } from '../composition-root';
import { inSpanFrom, SpanKind, traceparentOf } from '../../shared/adapters/observability/trace-propagation';

export interface ConsumerOptions<S extends z.ZodType> {
  /** The queue (Service Bus in Azure; locally the Storage queue of the same name). */
  queueName: string;
  /** The message's schema; a message that fails it is logged and dropped, since no retry can mend it. */
  schema: S;
  /** Whether the handler starts or signals orchestrations (`df.getClient(context)`). */
  durableClient?: boolean;
  /** Handles one parsed message; a throw redelivers it (and after the delivery count, dead-letters it). */
  handler: (message: z.infer<S>, deps: Deps, context: InvocationContext) => Promise<void>;
}

/** The tenants a message is about: its `tenantId`, or those of a batch's `fires`. */
function tenantsOf(message: unknown): string[] {
  if (typeof message !== 'object' || message === null) return [];
  const { tenantId, fires } = message as { tenantId?: unknown; fires?: unknown };
  if (typeof tenantId === 'string') return [tenantId];
  if (!Array.isArray(fires)) return [];
  const ids = fires.map((f: { tenantId?: unknown }) => f.tenantId);
  return [...new Set(ids.filter((t): t is string => typeof t === 'string'))];
}

/**
 * Whether the message is of a tenant erased since it was queued: Storage queues cannot delete one tenant's
 * messages, so each consumer drops them instead of recreating what the erase removed (docs/tenancy.md).
 */
async function erasedTenantOf(deps: Deps, message: unknown): Promise<boolean> {
  for (const tenantId of tenantsOf(message))
    if (await deps.tenantErase.erased.isErased(tenantId)) return true;
  return false;
}

/**
 * Registers a queue consumer the way `defineEndpoint` registers an endpoint: the message is parsed once
 * against its contract, a malformed one is logged and dropped rather than retried into the poison queue, as
 * is one of an erased tenant, and the handler gets the typed message and the composition root.
 */
export function defineConsumer<S extends z.ZodType>(name: string, options: ConsumerOptions<S>): void {
  app.serviceBusQueue(name, {
    connection: 'ServiceBusConnection',
    queueName: options.queueName,
    ...(options.durableClient ? { extraInputs: [df.input.durableClient()] } : {}),
    handler: async (message: unknown, context: InvocationContext) => {
      const deps = getDeps();
      const parsed = options.schema.safeParse(message);
      if (!parsed.success) {
        deps.logger.error(
          { consumer: name, queue: options.queueName, issues: parsed.error.issues },
          'dropping a malformed message',
        );
        return;
      }
      const erased = await erasedTenantOf(deps, parsed.data);
      if (erased) {
        deps.logger.warn(
          { consumer: name, queue: options.queueName },
          'dropping a message of an erased tenant',
        );
        return;
      }
      // The publisher's trace (application properties; an ExecutionRequested may carry it in its body).
      const metadata = context.triggerMetadata ?? {};
      const incoming =
        traceparentOf(metadata.applicationProperties) ??
        traceparentOf(metadata.ApplicationProperties) ??
        traceparentOf(parsed.data);
      await inSpanFrom(`consume ${options.queueName}`, incoming, SpanKind.CONSUMER, () =>
        options.handler(parsed.data, deps, context),
      );
    },
  });
}
