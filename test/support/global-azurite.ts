import type { TestProject } from 'vitest/node';
import { freePort, startAzurite, type RunningAzurite } from '../../local/azurite/start-azurite';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

let azurite: RunningAzurite | undefined;

/** One throwaway in-memory Azurite for the whole test run, on free ports; never a developer's running host. */
export async function setup(project: TestProject): Promise<void> {
  azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  project.provide('azuriteConnectionString', azurite.connectionString);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}
