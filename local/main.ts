import { ConfigError } from '../shared/config/app-config';
import { readLocalOptions } from './local-options';
import { startLocalHost } from './start-local-host';

/** `npm start`: the local host in the foreground; Ctrl-C (SIGINT) or SIGTERM stops it gracefully. */
async function main(): Promise<void> {
  const options = readLocalOptions(process.cwd(), process.env, process.argv.slice(2));
  const host = await startLocalHost(options);
  console.log(`\nReport Scheduler is running at ${host.url}`);
  console.log(`  health:   ${host.url}/api/health`);
  console.log(`  API docs: ${host.url}/api/v1/docs`);
  console.log(
    `  a token:  curl -s -X POST ${host.url}/api/v1/dev/token -H 'content-type: application/json' \\`,
  );
  console.log(`              -d '{"tenantId":"demo","userId":"me","roles":["tenant_admin"]}'`);
  console.log(`  data:     ${options.inMemory ? 'in memory (gone at exit)' : options.dataDir}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight work, then stopping`);
    host.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
