/** One episode (or management write) at a time per instance, within this process. */
export function createInstanceLocks() {
  const tails = new Map<string, Promise<void>>();

  async function run<T>(instanceId: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(instanceId) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    tails.set(instanceId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (tails.get(instanceId) === tail) tails.delete(instanceId);
    }
  }

  return { run };
}

export type InstanceLocks = ReturnType<typeof createInstanceLocks>;
