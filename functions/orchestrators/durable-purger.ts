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
  };
}
