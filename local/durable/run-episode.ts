import { randomUUID } from 'node:crypto';
import type { EngineDeps } from './engine-deps';
import { planEpisode, type EpisodePlan } from './episode-plan';
import { EventType, type HistoryRecord, newRecord } from './history-event';
import { invokeOrchestrator, type OrchestratorRun } from './invoke-orchestrator';

export interface EpisodeContext {
  instanceId: string;
  executionId: string;
  orchestratorName: string;
  /** The execution's input (JSON), as ExecutionStarted recorded it. */
  input?: string;
  parentInstanceId?: string;
  /** Committed history of the execution. */
  prior: readonly HistoryRecord[];
  /** The one new event this episode applies. */
  applied: HistoryRecord;
}

export interface EpisodeOutcome {
  /** Everything this episode appends: OrchestratorStarted, the applied event, then the plan's events. */
  records: HistoryRecord[];
  plan: EpisodePlan;
  dispatchId: string;
  now: Date;
}

export const newExecutionId = () => randomUUID().replace(/-/g, '');

/** Replays the orchestrator over the committed history plus one new event, and plans the result. */
export async function runEpisode(deps: EngineDeps, ctx: EpisodeContext): Promise<EpisodeOutcome> {
  const now = deps.clock();
  const started = newRecord(EventType.OrchestratorStarted, now);
  const episode = [...ctx.prior, started, ctx.applied];
  const history = episode.map((r, i) => ({ ...r.event, IsPlayed: i < ctx.prior.length }));
  const fn = deps.app.registry.get(ctx.orchestratorName);
  let run: OrchestratorRun;
  if (fn && fn.trigger.type.toLowerCase() === 'orchestrationtrigger') {
    run = await invokeOrchestrator(deps.app, fn, {
      history,
      input: ctx.input === undefined ? null : (JSON.parse(ctx.input) as unknown),
      instanceId: ctx.instanceId,
      isReplaying: ctx.prior.length > 0,
      ...(ctx.parentInstanceId ? { parentInstanceId: ctx.parentInstanceId } : {}),
    });
  } else {
    const message = `The function '${ctx.orchestratorName}' doesn't exist, is disabled, or is not an orchestrator function.`;
    run = { kind: 'failed', message, details: message };
  }
  const dispatchId = randomUUID();
  const plan = planEpisode({
    instanceId: ctx.instanceId,
    orchestratorName: ctx.orchestratorName,
    prior: ctx.prior,
    applied: ctx.applied,
    run,
    now,
    dispatchId,
    newExecutionId,
  });
  return { records: [started, ctx.applied, ...plan.records], plan, dispatchId, now };
}
