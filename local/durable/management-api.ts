import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { managementUrls, webhookPath } from './client-binding';
import type { EngineDeps } from './engine-deps';
import { isTerminal } from './history-event';
import { readBody, send, sendError } from './http-io';
import type { InstanceCommands } from './instance-commands';
import { booleanParam, createManagementQueries } from './management-queries';

/** Instance ids the extension accepts (DurableClient.StartNewAsync). */
function instanceIdProblem(id: string): string | undefined {
  if (id.startsWith('@')) return 'Orchestration instance ids must not start with @.';
  // eslint-disable-next-line no-control-regex
  if (/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(id))
    return 'Orchestration instance ids must not contain /, \\, #, ?, or control characters.';
  if (id.length > 256) return 'Instance ID lengths must not exceed 256 characters.';
  return undefined;
}

/** Parses a JSON request body; returns the normalised JSON text (undefined when empty). */
function jsonBody(text: string): { ok: true; json?: string } | { ok: false; error: string } {
  if (text.trim().length === 0) return { ok: true };
  try {
    return { ok: true, json: JSON.stringify(JSON.parse(text)) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Durable Functions HTTP management API (HttpApiHandler) under `/runtime/webhooks/durabletask/`:
 * what `df.getClient()` calls through `rpcBaseUrl`, and what the check-status URLs point at.
 */
export function createManagementApi(deps: EngineDeps, commands: InstanceCommands, baseUrl: string) {
  const queries = createManagementQueries(deps, commands);

  function webhookBase(req: IncomingMessage): string {
    const host = req.headers.host;
    const origin = host ? `http://${host}` : new URL(baseUrl).origin;
    return `${origin}${webhookPath}`;
  }

  function checkStatus(req: IncomingMessage, res: ServerResponse, instanceId: string): void {
    const links = managementUrls(webhookBase(req), instanceId, deps.taskHub);
    const { rewindPostUri: _rewind, ...body } = links;
    send(res, 202, body, { Location: links.statusQueryGetUri, 'Retry-After': '10' });
  }

  async function start(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    name: string,
    requestedId: string,
  ): Promise<void> {
    const body = jsonBody(await readBody(req));
    if (!body.ok) return sendError(res, 400, 'Invalid JSON content', body.error);
    const instanceId = requestedId || randomUUID().replace(/-/g, '');
    const problem = instanceIdProblem(instanceId);
    if (problem) return sendError(res, 400, problem);
    const version = url.searchParams.get('version') ?? undefined;
    const result = await commands.start(name, instanceId, body.json, version);
    if (!result.started)
      return sendError(
        res,
        409,
        `An Orchestration instance with the status ${result.status} already exists.`,
      );
    const timeout = Number(url.searchParams.get('timeout'));
    const interval = Number(url.searchParams.get('pollingInterval'));
    if (timeout > 0 && interval > 0)
      return waitForCompletion(req, res, instanceId, timeout * 1000, interval * 1000);
    checkStatus(req, res, instanceId);
  }

  /** createAndWaitOnNewInstancePostUri: the final status if it ends in time, else the 202 links. */
  async function waitForCompletion(
    req: IncomingMessage,
    res: ServerResponse,
    instanceId: string,
    timeoutMs: number,
    intervalMs: number,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await deps.instances.get(instanceId);
      const status = found?.state.runtimeStatus;
      if (found && status === 'Completed')
        return send(
          res,
          200,
          found.state.output === undefined ? null : (JSON.parse(found.state.output) as unknown),
        );
      if (found && status && isTerminal(status)) {
        return queries.getStatus(
          req,
          res,
          new URL(managementUrls(webhookBase(req), instanceId, deps.taskHub).statusQueryGetUri),
          instanceId,
        );
      }
      if (Date.now() >= deadline) return checkStatus(req, res, instanceId);
      await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
    }
  }

  async function restart(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    instanceId: string,
  ): Promise<void> {
    const found = await deps.instances.get(instanceId);
    if (!found) return sendError(res, 400, 'InstanceId does not match a valid orchestration instance.');
    const withNewId = booleanParam(url.searchParams, 'restartWithNewInstanceId') ?? true;
    const newId = withNewId ? randomUUID().replace(/-/g, '') : instanceId;
    const result = await commands.start(found.state.name, newId, found.state.input, found.state.version);
    if (!result.started)
      return sendError(res, 409, 'A non-terminal instance with this instance ID already exists.');
    checkStatus(req, res, newId);
  }

  /** terminate / suspend / resume / rewind: 404 unknown, 410 finished, 202 accepted. */
  async function operate(
    res: ServerResponse,
    url: URL,
    instanceId: string,
    operation: string,
  ): Promise<void> {
    const found = await deps.instances.get(instanceId);
    const reason = url.searchParams.get('reason') ?? undefined;
    if (operation === 'rewind') {
      if (!found) return send(res, 404, `No orchestration with instance ID "${instanceId}" found.`);
      if (found.state.runtimeStatus !== 'Failed') {
        return send(
          res,
          412,
          `This orchestration has status ${found.state.runtimeStatus}, but only orchestrations in the "Failed" state can be rewound.`,
        );
      }
      return send(res, 501, 'Rewind is not supported by the local host.');
    }
    if (!found) return send(res, 404);
    if (isTerminal(found.state.runtimeStatus)) return send(res, 410);
    if (operation === 'terminate') await commands.terminate(instanceId, reason);
    else if (operation === 'suspend') await commands.suspend(instanceId, reason);
    else await commands.resume(instanceId, reason);
    send(res, 202);
  }

  async function raiseEvent(
    req: IncomingMessage,
    res: ServerResponse,
    instanceId: string,
    eventName: string,
  ): Promise<void> {
    const found = await deps.instances.get(instanceId);
    if (!found) return send(res, 404);
    if (isTerminal(found.state.runtimeStatus)) return send(res, 410);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json')
      return sendError(res, 400, 'Only application/json request content is supported');
    const body = jsonBody(await readBody(req));
    if (!body.ok) return sendError(res, 400, 'Invalid JSON content', body.error);
    await commands.raiseEvent(instanceId, eventName, body.json);
    send(res, 202);
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    segments: string[],
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const [controller, first = '', second, third, ...rest] = segments;
    const taskHub = url.searchParams.get('taskHub');
    if (taskHub && taskHub.toLowerCase() !== deps.taskHub.toLowerCase()) {
      return sendError(
        res,
        400,
        `The local host serves only the task hub '${deps.taskHub}', not '${taskHub}'.`,
      );
    }
    if (controller === 'orchestrators' && first && third === undefined) {
      return method === 'POST' ? start(req, res, url, first, second ?? '') : send(res, 404);
    }
    if (controller === 'entities')
      return sendError(res, 501, 'Durable entities are not supported by the local host.');
    if (controller !== 'instances') return send(res, 404);
    if (second === 'raiseEvent' && third && rest.length === 0) {
      return method === 'POST' ? raiseEvent(req, res, first, third) : send(res, 404);
    }
    if (third !== undefined) return send(res, 404);
    if (!first) {
      if (method === 'GET') return queries.list(req, res, url);
      if (method === 'DELETE') return queries.purgeWhere(res, url);
      return send(res, 404);
    }
    if (second === undefined) {
      if (method === 'GET') return queries.getStatus(req, res, url, first);
      if (method === 'DELETE') return queries.purge(res, first);
      return send(res, 404);
    }
    if (method !== 'POST') return send(res, 404);
    const operation = second.toLowerCase();
    if (operation === 'restart') return restart(req, res, url, first);
    if (['terminate', 'suspend', 'resume', 'rewind'].includes(operation))
      return operate(res, url, first, operation);
    return send(res, 404);
  }

  /** Serves a request under the Durable webhook path; returns false for any other path. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname !== webhookPath && !url.pathname.startsWith(`${webhookPath}/`)) return false;
    const segments = url.pathname
      .slice(webhookPath.length)
      .split('/')
      .filter((s, i, all) => s.length > 0 || (i > 0 && i < all.length - 1))
      .map((s) => decodeURIComponent(s));
    try {
      await route(req, res, url, segments);
    } catch (err) {
      deps.log(
        'error',
        `Durable HTTP API ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`,
      );
      if (!res.headersSent)
        sendError(res, 500, 'Something went wrong while processing your request', (err as Error).message);
    }
    return true;
  }

  return { handle };
}
