import path from 'node:path';
import { createTokenVerifier } from '../shared/adapters/auth/jose-token-verifier';
import { createTableRepositories } from '../shared/adapters/table/table-repositories';
import { createTableDueIndex } from '../shared/adapters/table/table-scheduler-store';
import { createTableService } from '../shared/adapters/table/table-service';
import { seedDemoTenant } from '../shared/app/demo/seed-demo-tenant';
import { parseAppConfig, type AppConfig } from '../shared/config/app-config';
import { loadConfigFromEnvironment } from '../shared/config/load-config';
import { createHostDeps, installDeps } from '../functions/composition-root';
import { deliveryCrashCheckpoint } from './delivery-crash-checkpoint';
import { createDevIssuer, DEV_TOKEN_PATH, OIDC_PATH_PREFIX } from './dev-issuer/dev-issuer';
import { loopbackOrigins } from './dev-issuer/oidc-client-policy';
import { createDurableRuntime } from './durable/durable-runtime';
import { createRenderJobConsumer } from './jobs/render-job-consumer';
import { createMailboxEndpoint, DEV_MAILBOX_PATH } from './smtp-catcher/mailbox-endpoint';
import { startSmtpCatcher } from './smtp-catcher/smtp-catcher';
import { startHost, type RunningHost } from './host/start-host';
import type { LocalOptions } from './local-options';
import { mountWebApp } from './web/mount-web-app';

export const devAudience = 'report-scheduler';
/** The sender of local mails when EMAIL_FROM is not set. */
export const localEmailFrom = 'Report Scheduler <reports@localhost.test>';

/**
 * The whole system on one machine: Azurite, the app's own function registrations, the Durable engine,
 * the dev token issuer, the web app and the demo tenant. The app reads its settings from process.env, as in Azure, so
 * they are exported there before it loads, and validated first so a bad start names every problem.
 */
export async function startLocalHost(options: LocalOptions): Promise<RunningHost> {
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
  const storage = options.storageConnectionString
    ? { connectionString: options.storageConnectionString }
    : {
        azurite: {
          location: path.join(options.dataDir, 'azurite'),
          inMemory: options.inMemory,
          blobPort: options.azurite.blobPort,
          queuePort: options.azurite.queuePort,
          tablePort: options.azurite.tablePort,
        },
      };
  // The app's email channel sends here unless SMTP_URL names another server; `/api/v1/dev/mailbox` lists it.
  const catcher = await startSmtpCatcher({
    ...(options.inMemory ? {} : { dir: path.join(options.dataDir, 'mailbox') }),
    port: options.smtpCatcherPort,
  });
  let config: AppConfig | undefined;
  // The functions build their parts as in Azure, plus what only this host adds (the crash tests' checkpoint).
  const hooks = deliveryCrashCheckpoint(options.crashAtDeliveryStep);
  const uninstallDeps = installDeps(() => createHostDeps(loadConfigFromEnvironment(), hooks));
  return startHost({
    projectRoot: options.projectRoot,
    settings: options.settings,
    storage,
    http: { host: options.host, port: options.port },
    beforeLoad: async ({ connectionString, settings }) => {
      const appSettings = {
        ...settings,
        AzureWebJobsStorage: connectionString,
        LOCAL_MODE: 'true',
        PUBLIC_BASE_URL: settings.PUBLIC_BASE_URL ?? url,
        AUTH_ISSUER: url,
        AUTH_AUDIENCE: settings.AUTH_AUDIENCE ?? devAudience,
        AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
        // As the Functions host sets it: the Durable client keeps management URLs on this origin.
        WEBSITE_HOSTNAME: new URL(url).host,
        SMTP_URL: settings.SMTP_URL ?? catcher.url,
        EMAIL_FROM: settings.EMAIL_FROM ?? localEmailFrom,
      };
      config = parseAppConfig(appSettings); // throws one ConfigError listing every problem
      Object.assign(process.env, appSettings);
      if (options.seedDemo) {
        const tables = createTableService({ connectionString });
        await seedDemoTenant({
          repos: createTableRepositories(tables),
          dueIndex: createTableDueIndex(tables),
          clock: () => new Date(),
        });
      }
    },
    beforeServe: async (parts) => {
      const settings = config!;
      const issuer = await createDevIssuer({
        dataDir: options.inMemory ? path.join(options.dataDir, 'in-memory') : options.dataDir,
        issuer: url,
        audience: settings.AUTH_AUDIENCE,
        client: {
          clientId: settings.WEB_CLIENT_ID,
          redirectOrigins: [
            ...loopbackOrigins([url, settings.PUBLIC_BASE_URL]),
            ...settings.WEB_REDIRECT_ORIGINS,
          ],
        },
      });
      parts.server.mount('/.well-known/', (req, res) => issuer.handle(req, res));
      parts.server.mount(DEV_TOKEN_PATH, (req, res) => issuer.handle(req, res));
      parts.server.mount(OIDC_PATH_PREFIX, (req, res) => issuer.handle(req, res));
      const mailboxVerifier = createTokenVerifier({
        issuer: url,
        audience: process.env.AUTH_AUDIENCE ?? devAudience,
        jwksUrl: issuer.jwksUri,
        algorithms: ['RS256'],
      });
      parts.server.mount(DEV_MAILBOX_PATH, createMailboxEndpoint(catcher.mailbox, mailboxVerifier));
      mountWebApp({
        server: parts.server,
        config: settings,
        webRoot: options.webRoot,
        authority: settings.WEB_AUTHORITY ?? url,
        storageConnectionString: parts.connectionString,
        reservedPrefixes: ['/.well-known/', '/runtime/'],
      });
      const durable = createDurableRuntime({
        app: parts.app,
        connectionString: parts.connectionString,
        taskHub: parts.hostJson.durableTask.hubName,
        baseUrl: parts.url,
        log: (level, message) => parts.log(level, 'system', message),
      });
      parts.server.mount('/runtime/webhooks/durabletask/', (req, res) => durable.handle(req, res));
      await durable.start();
      // Large renders: the job's queue, consumed here (a Container Apps job in Azure).
      const renderJobs = options.renderJobConsumer
        ? createRenderJobConsumer({
            connectionString: parts.connectionString,
            log: parts.log,
          })
        : undefined;
      await renderJobs?.start();
      return {
        stop: () =>
          Promise.resolve(renderJobs?.stop())
            .then(() => durable.stop())
            .finally(() => catcher.stop()),
      };
    },
  }).then(
    // After the appTerminate hooks, which close the parts the functions built.
    (host) => ({ ...host, stop: () => host.stop().finally(uninstallDeps) }),
    async (err: unknown) => {
      uninstallDeps();
      await catcher.stop();
      throw err;
    },
  );
}
