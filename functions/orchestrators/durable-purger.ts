import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import type { RunHistoryPurger } from '../../shared/ports/housekeeping-index';

const finished = [
  df.OrchestrationRuntimeStatus.Completed,
  df.OrchestrationRuntimeStatus.Failed,
  df.OrchestrationRuntimeStatus.Terminated,
];

/** The Durable client behind the RunHistoryPurger port: purge-by-filter of the task hub's history. */
export function durablePurger(client: DurableClient): RunHistoryPurger {
  return {
    async purgeFinishedBefore(before) {
      // Running and pending instances are never matched, however old: only finished runs lose history.
      const result = await client.purgeInstanceHistoryBy({
        createdTimeFrom: new Date(0),
        createdTimeTo: before,
        runtimeStatus: finished,
      });
      return result.instancesDeleted;
    },
    async purgeInstances(instanceIds) {
      let purged = 0;
      const terminating: string[] = [];
      for (const instanceId of instanceIds) {
        let status: df.DurableOrchestrationStatus;
        try {
          status = await client.getStatus(instanceId, { showHistory: false, showInput: false });
        } catch (err) {
          if (err instanceof Error && err.message.includes('HTTP 404')) continue;
          throw err;
        }
        if (finished.includes(status.runtimeStatus)) {
          purged += (await client.purgeInstanceHistory(instanceId)).instancesDeleted;
          continue;
        }
        // Only a terminal instance can be purged: terminate it now, purge it when the message comes back.
        await client.terminate(instanceId, 'tenant erased');
        terminating.push(instanceId);
      }
      if (terminating.length)
        throw new Error(`${terminating.length} instance(s) terminating; the purge is retried`);
      return purged;
    },
  };
}
