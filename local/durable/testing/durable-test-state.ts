/** What the durable test app records, read by the tests in the same process. */
export interface TestState {
  calls: { fn: string; key: string; at: number }[];
  attempts: Record<string, number>;
  /** Which activity `changing` calls: a test flips it to replay an orchestration against changed code. */
  variant: 'v1' | 'v2';
}

const state: TestState = { calls: [], attempts: {}, variant: 'v1' };

export const testState = (): TestState => state;

export const record = (fn: string, key: string) => state.calls.push({ fn, key, at: Date.now() });
