import { describe, expect, it } from 'vitest';
import { findNonDeterminism } from './determinism-check';
import { planEpisode } from './episode-plan';
import { EventType, type HistoryRecord, newRecord } from './history-event';
import type { OrchestratorRun } from './invoke-orchestrator';
import { ActionType, type OrchestratorAction } from './orchestrator-actions';
import { nextRetryDelayMs, retryPolicyFrom } from './retry-delay';

describe('retry delay (DurableTask.Core RetryInterceptor.ComputeNextDelay)', () => {
  const first = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(first.getTime() + ms);

  it('grows by the backoff coefficient and is capped at the max interval', () => {
    const policy = retryPolicyFrom({
      firstRetryIntervalInMilliseconds: 1000,
      maxNumberOfAttempts: 10,
      backoffCoefficient: 2,
      maxRetryIntervalInMilliseconds: 5000,
    });
    expect([0, 1, 2, 3, 4].map((n) => nextRetryDelayMs(policy, n, first, at(10)))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('defaults to a constant interval and gives up (zero) once the retry timeout has passed', () => {
    const policy = retryPolicyFrom({
      firstRetryIntervalInMilliseconds: 500,
      maxNumberOfAttempts: 5,
      retryTimeoutInMilliseconds: 2000,
    });
    expect(nextRetryDelayMs(policy, 3, first, at(1999))).toBe(500);
    expect(nextRetryDelayMs(policy, 3, first, at(2000))).toBe(0);
  });
});

describe('planning an episode', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const retryAction: OrchestratorAction = {
    actionType: ActionType.CallActivityWithRetry,
    functionName: 'flaky',
    input: 'k',
    retryOptions: {
      firstRetryIntervalInMilliseconds: 100,
      maxNumberOfAttempts: 3,
      retryTimeoutInMilliseconds: 1000,
    },
  };
  const running: OrchestratorRun = { kind: 'state', state: { isDone: false, actions: [[retryAction]] } };
  const base = {
    instanceId: 'i',
    orchestratorName: 'o',
    run: running,
    dispatchId: 'd',
    newExecutionId: () => 'next',
  };

  /** Applies events one per episode, as the engine does, and returns the whole history. */
  function replay(steps: { applied: HistoryRecord; now: Date }[]) {
    let history: HistoryRecord[] = [];
    const plans = [];
    for (const { applied, now } of steps) {
      const plan = planEpisode({ ...base, prior: history, applied, now });
      history = [...history, applied, ...plan.records];
      plans.push(plan);
    }
    return { history, plans };
  }
  const started = newRecord(EventType.ExecutionStarted, t0, { Name: 'o' });
  const failed = (id: number, now: Date) => ({
    applied: newRecord(EventType.TaskFailed, now, { TaskScheduledId: id, Reason: 'r', Details: 'd' }),
    now,
  });
  const fired = (id: number, now: Date) => ({
    applied: newRecord(EventType.TimerFired, now, { TimerId: id }),
    now,
  });

  it('schedules the action, a retry timer after each failure and a re-schedule after each timer', () => {
    const { plans } = replay([
      { applied: started, now: t0 },
      failed(0, at(10)),
      fired(1, at(110)),
      failed(2, at(120)),
    ]);
    expect(plans[0]!.records[0]!.event).toMatchObject({
      EventType: EventType.TaskScheduled,
      EventId: 0,
      Name: 'flaky',
      Input: '"k"',
    });
    expect(plans[0]!.work).toEqual([{ type: 'activity', taskId: 0, name: 'flaky', input: '"k"' }]);
    expect(plans[1]!.records[0]!.event).toMatchObject({
      EventType: EventType.TimerCreated,
      EventId: 1,
      FireAt: at(110).toISOString(),
    });
    expect(plans[2]!.records[0]!.event).toMatchObject({
      EventType: EventType.TaskScheduled,
      EventId: 2,
      Name: 'flaky',
    });
    expect(plans[2]!.work).toEqual([{ type: 'activity', taskId: 2, name: 'flaky', input: '"k"' }]);
    expect(plans[3]!.records[0]!.event).toMatchObject({
      EventType: EventType.TimerCreated,
      EventId: 3,
      FireAt: at(220).toISOString(),
    });
  });

  it('after the retry timeout, fails the remaining attempts at once instead of running them', () => {
    const { plans } = replay([{ applied: started, now: t0 }, failed(0, at(1500))]);
    expect(plans[1]!.records[0]!.event).toMatchObject({
      EventType: EventType.TimerCreated,
      EventId: 1,
      FireAt: at(1500).toISOString(),
    });
    expect(plans[1]!.records[0]!.meta.synthetic).toBe(true);
    const { plans: after } = replay([{ applied: started, now: t0 }, failed(0, at(1500)), fired(1, at(1500))]);
    expect(after[2]!.work).toEqual([
      { type: 'failTask', taskId: 2, kind: 'activity', failure: { reason: 'r', details: 'd' } },
    ]);
  });

  it('still makes a retry timer after the last attempt, and nothing once it fires', () => {
    const { plans } = replay([
      { applied: started, now: t0 },
      failed(0, at(10)),
      fired(1, at(110)),
      failed(2, at(120)),
      fired(3, at(220)),
      failed(4, at(230)),
      fired(5, at(330)),
    ]);
    expect(plans[5]!.records[0]!.event).toMatchObject({ EventType: EventType.TimerCreated, EventId: 5 });
    expect(plans[6]!.records.map((r) => r.event.EventType)).toEqual([EventType.OrchestratorCompleted]);
  });

  it('completes, and continues as new with the decoded input', () => {
    const done = planEpisode({
      ...base,
      run: { kind: 'state', state: { isDone: true, actions: [], output: { ok: 1 } } },
      prior: [],
      applied: started,
      now: t0,
    });
    expect(done.result).toEqual({ status: 'Completed', output: '{"ok":1}' });
    const again = planEpisode({
      ...base,
      run: {
        kind: 'state',
        state: { isDone: true, actions: [[{ actionType: ActionType.ContinueAsNew, input: '"text"' }]] },
      },
      prior: [],
      applied: started,
      now: t0,
    });
    expect(again.result).toEqual({ status: 'ContinuedAsNew', nextExecutionId: 'next', nextInput: '"text"' });
    expect(again.work).toEqual([{ type: 'continueAsNew', executionId: 'next', input: '"text"' }]);
  });
});

describe('non-determinism', () => {
  it('names the expected and the actual action', () => {
    const recorded = [
      { kind: 'CallActivity', name: 'a' },
      { kind: 'WaitForExternalEvent', name: 'go' },
    ];
    expect(
      findNonDeterminism(recorded, [
        { actionType: ActionType.CallActivity, functionName: 'a' },
        { actionType: ActionType.WaitForExternalEvent, externalEventName: 'go' },
      ]),
    ).toBeUndefined();
    expect(
      findNonDeterminism(recorded, [
        { actionType: ActionType.CallActivity, functionName: 'a' },
        { actionType: ActionType.CreateTimer },
      ]),
    ).toContain(
      `returned WaitForExternalEvent 'go' as action #1, but the current replay returned CreateTimer instead`,
    );
    expect(
      findNonDeterminism(recorded, [{ actionType: ActionType.CallActivity, functionName: 'a' }]),
    ).toContain('but the current replay did not return it');
  });
});
