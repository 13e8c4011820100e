import fs from 'node:fs';
import * as df from 'durable-functions';

/**
 * The app of crash-resume.test.ts, run in a child process that is killed: each activity appends its
 * start and end to the file EFFECTS_FILE names, so the test sees what ran across the crash.
 */
const effect = (line: string) => fs.appendFileSync(process.env.EFFECTS_FILE!, `${line}\n`);

interface StepInput {
  instance: string;
  step: number;
  slowMs?: number;
}

df.app.activity('step', {
  handler: async ({ instance, step, slowMs }: StepInput) => {
    effect(`${instance} ${step} start`);
    if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
    effect(`${instance} ${step} done`);
    return `${step}@${instance}`;
  },
});
df.app.orchestration('steps', function* (ctx) {
  const input = ctx.df.getInput<{ slowFirstMs?: number; timerMs?: number } | undefined>() ?? {};
  const instance = ctx.df.instanceId;
  const first: StepInput = { instance, step: 1, ...(input.slowFirstMs ? { slowMs: input.slowFirstMs } : {}) };
  const out: unknown[] = [yield ctx.df.callActivity('step', first)];
  if (input.timerMs) {
    ctx.df.setCustomStatus('timer');
    yield ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + input.timerMs));
  }
  out.push(yield ctx.df.callActivity('step', { instance, step: 2 }));
  out.push(yield ctx.df.callActivity('step', { instance, step: 3 }));
  return out;
});
