import type { DurableClient } from 'durable-functions';
import type { OrchestrationStarter } from '../../shared/ports/orchestration-starter';

/** The Durable client behind the use cases' OrchestrationStarter port. */
export function durableStarter(client: DurableClient): OrchestrationStarter {
  return {
    async exists(instanceId) {
      try {
        await client.getStatus(instanceId, { showHistory: false, showInput: false });
        return true;
      } catch (err) {
        // The client reports an unknown instance only through this message; anything else must not read as "absent".
        if (err instanceof Error && err.message.includes('HTTP 404')) return false;
        throw err;
      }
    },
    async start(orchestrator, instanceId, input) {
      await client.startNew(orchestrator, { instanceId, input });
    },
  };
}
