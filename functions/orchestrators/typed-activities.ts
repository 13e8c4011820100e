import * as df from 'durable-functions';
import { inSpanFrom, SpanKind, traceparentOf } from '../../shared/adapters/observability/trace-propagation';
import type { z } from 'zod';
import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import {
  activities,
  type ActivityInput,
  type ActivityName,
  type ActivityOutput,
} from '../../shared/contracts/activities';
import { activityRetry } from './activity-retry';

/** Registers an activity from the table: its input is parsed before the use case sees it. */
export function registerActivity<N extends ActivityName>(
  name: N,
  handler: (input: z.output<(typeof activities)[N]['input']>) => Promise<ActivityOutput<N>>,
): void {
  const schema = activities[name].input;
  df.app.activity(name, {
    handler: (input: unknown) =>
      // A span per activity, child of the run's trace when its input carries one (RunRef.traceparent).
      inSpanFrom(`activity ${name}`, traceparentOf(input), SpanKind.INTERNAL, () =>
        handler(schema.parse(input) as never),
      ),
  });
}

/** The task of one activity call with the transient-failure retry policy (for Task.all / Task.any). */
export function activityTask<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
  retry: RetryOptions = activityRetry(),
): Task {
  return context.df.callActivityWithRetry(name, retry, input);
}

/** An activity's result as the table says it is (a task's `result`, or what `yield` gave back). */
export function activityResult<N extends ActivityName>(name: N, result: unknown): ActivityOutput<N> {
  return activities[name].output.parse(result) as ActivityOutput<N>;
}

/** Calls one activity and answers its parsed result: `const started = yield* callActivity(context, 'startRun', ref)`. */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
  retry: RetryOptions = activityRetry(),
): Generator<Task, ActivityOutput<N>, unknown> {
  const result: unknown = yield activityTask(context, name, input, retry);
  return activityResult(name, result);
}
