import { text } from 'node:stream/consumers';
import type { ExecutionRun } from '../../contracts/run';
import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import type { Row } from '../../ports/data-source';
import type { RunDeps } from '../pipeline/run-deps';
import { createAggregator } from './aggregate-rows';
import { compileCondition, ConditionError, type CompiledCondition } from './compile-condition';

/** Where the hash of a schedule's last successfully sent data is kept (the tenant's blob prefix). */
const hashBlob = (scheduleId: string) => `schedules/${scheduleId}/last-data-hash`;

const conditionFailed = (err: ConditionError) =>
  new AppError('CONDITION_FAILED', err.message, { suggestedFix: err.suggestedFix });

/** A condition as it runs on a scheduled run's extract: fed batch by batch, then asked whether to send. */
export interface ConditionCheck {
  add(rows: readonly Row[]): void;
  /** Null to send; else why the run is skipped. Throws CONDITION_FAILED when it cannot be evaluated. */
  decide(facts: { columns: readonly string[]; rowCount: number; dataHash: string }): Promise<string | null>;
}

/** The schedule's condition for this run, or null (a manual run, or a schedule without one). */
export function conditionCheckFor(
  deps: Pick<RunDeps, 'repos' | 'blobs' | 'metrics'>,
  run: ExecutionRun,
  schedule: Pick<Schedule, 'condition'> | undefined,
): ConditionCheck | null {
  if (!run.scheduleId) return null;
  const text = schedule?.condition;
  if (!text) return null;
  let condition: CompiledCondition;
  try {
    condition = compileCondition(text);
  } catch (err) {
    deps.metrics?.conditionsEvaluated?.inc({ result: 'error' });
    throw err instanceof ConditionError ? conditionFailed(err) : err;
  }
  const aggregator = createAggregator(condition.aggregates);
  const scheduleId = run.scheduleId;
  return {
    add: (rows) => {
      try {
        aggregator.add(rows);
      } catch (err) {
        deps.metrics?.conditionsEvaluated?.inc({ result: 'error' });
        throw err instanceof ConditionError ? conditionFailed(err) : err;
      }
    },
    async decide({ columns, rowCount, dataHash }) {
      try {
        const changed = condition.usesChanged
          ? dataHash !== (await lastSentHash(deps, run.tenantId, scheduleId))
          : false;
        const { pass, read } = condition.evaluate({
          rowCount,
          changed,
          aggregates: aggregator.values(columns),
        });
        deps.metrics?.conditionsEvaluated?.inc({ result: pass ? 'send' : 'skip' });
        if (pass) return null;
        const values = Object.entries(read).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
        return `Condition \`${condition.text}\` was false (${values.join(', ')})`;
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        deps.metrics?.conditionsEvaluated?.inc({ result: 'error' });
        throw conditionFailed(err);
      }
    },
  };
}

async function lastSentHash(
  deps: Pick<RunDeps, 'blobs'>,
  tenantId: string,
  scheduleId: string,
): Promise<string | null> {
  try {
    return (
      await text(await deps.blobs.openRead(tenantId, `tenants/${tenantId}/${hashBlob(scheduleId)}`))
    ).trim();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** After a successful scheduled run: its data is what `changed` compares the next extract with. */
export async function rememberSentData(deps: Pick<RunDeps, 'blobs'>, run: ExecutionRun): Promise<void> {
  if (!run.scheduleId || !run.dataHash) return;
  await deps.blobs.write(run.tenantId, hashBlob(run.scheduleId), Buffer.from(run.dataHash), 'text/plain');
}
