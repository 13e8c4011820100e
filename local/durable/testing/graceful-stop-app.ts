import * as df from 'durable-functions';

/** The app of graceful-stop.test.ts: one slow activity, and what it did, in order. */
export const effects: string[] = [];

df.app.activity('slow', {
  handler: async (ms: number) => {
    effects.push('start');
    await new Promise((r) => setTimeout(r, ms));
    effects.push('done');
    return ms;
  },
});
df.app.orchestration('slowOne', function* (ctx) {
  return (yield ctx.df.callActivity('slow', ctx.df.getInput())) as unknown;
});
