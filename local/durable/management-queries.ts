import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineDeps } from './engine-deps';
import { isTerminal, OrchestrationStatusCode, type RuntimeStatus } from './history-event';
import { send, sendError } from './http-io';
import type { InstanceCommands } from './instance-commands';
import type { InstanceQuery } from './instance-store';
import { shapeHistory, statusPayload } from './status-payload';

const runtimeStatuses = Object.keys(OrchestrationStatusCode) as RuntimeStatus[];

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name)?.toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function dateParam(query: URLSearchParams, name: string): Date | undefined {
  const value = query.get(name);
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function statusesParam(query: URLSearchParams): RuntimeStatus[] | undefined {
  const values = query.getAll('runtimeStatus').flatMap((v) => v.split(','));
  const known = values
    .map((v) => runtimeStatuses.find((s) => s.toLowerCase() === v.trim().toLowerCase()))
    .filter((s) => s !== undefined);
  return known.length > 0 ? known : undefined;
}

/** Status reads and purges of the Durable HTTP API (HttpApiHandler's GET / DELETE handlers). */
export function createManagementQueries(deps: EngineDeps, commands: InstanceCommands) {
  async function getStatus(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    instanceId: string,
  ): Promise<void> {
    const found = await deps.instances.get(instanceId);
    if (!found) return send(res, 404);
    const { state } = found;
    const q = url.searchParams;
    const showHistory = booleanParam(q, 'showHistory') ?? false;
    let history: unknown[] | undefined;
    if (showHistory && state.runtimeStatus !== 'Pending') {
      const loaded = await deps.history.load(instanceId);
      history = shapeHistory(loaded.records, booleanParam(q, 'showHistoryOutput') ?? false);
    }
    const body = statusPayload(state, {
      showInput: booleanParam(q, 'showInput') ?? true,
      ...(history ? { history } : {}),
    });
    switch (state.runtimeStatus) {
      case 'Running':
      case 'Pending':
      case 'ContinuedAsNew':
      case 'Suspended':
        return send(res, 202, body, { Location: url.href, 'Retry-After': '5' });
      case 'Failed':
        return send(res, booleanParam(q, 'returnInternalServerErrorOnFailure') ? 500 : 200, body);
      default:
        return send(res, 200, body);
    }
  }

  async function list(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const q = url.searchParams;
    const query: InstanceQuery = {};
    const from = dateParam(q, 'createdTimeFrom');
    const to = dateParam(q, 'createdTimeTo');
    const statuses = statusesParam(q);
    const prefix = q.get('instanceIdPrefix');
    if (from) query.createdTimeFrom = from;
    if (to) query.createdTimeTo = to;
    if (statuses) query.runtimeStatus = statuses;
    if (prefix) query.instanceIdPrefix = prefix;
    const top = Number.parseInt(q.get('top') ?? '', 10);
    const token = req.headers['x-ms-continuation-token'];
    const page = await deps.instances.query(
      query,
      top > 0 ? top : 100,
      typeof token === 'string' && token ? token : undefined,
    );
    const showInput = booleanParam(q, 'showInput') ?? true;
    const body = page.instances.map((state) => statusPayload(state, { showInput }));
    send(res, 200, body, page.continuationToken ? { 'x-ms-continuation-token': page.continuationToken } : {});
  }

  async function purge(res: ServerResponse, instanceId: string): Promise<void> {
    if (!instanceId)
      return sendError(
        res,
        400,
        'Instance ID provided to the purge instance history request must not be null or empty.',
      );
    const found = await deps.instances.get(instanceId);
    if (!found) return send(res, 404);
    if (!isTerminal(found.state.runtimeStatus)) {
      return send(
        res,
        412,
        `Only orchestrations in a terminal state can be purged, but the orchestration with instance ID ${instanceId} has status ${found.state.runtimeStatus}`,
      );
    }
    await commands.purge(instanceId);
    send(res, 200, { instancesDeleted: 1 });
  }

  async function purgeWhere(res: ServerResponse, url: URL): Promise<void> {
    const q = url.searchParams;
    const from = dateParam(q, 'createdTimeFrom');
    if (!from) return send(res, 400, "Please provide value for 'createdTimeFrom' parameter.");
    const statuses = statusesParam(q);
    const deleted = await commands.purgeWhere({
      createdTimeFrom: from,
      createdTimeTo: dateParam(q, 'createdTimeTo') ?? deps.clock(),
      ...(statuses ? { runtimeStatus: statuses } : {}),
    });
    if (deleted === 0) return send(res, 404);
    send(res, 200, { instancesDeleted: deleted });
  }

  return { getStatus, list, purge, purgeWhere };
}

export type ManagementQueries = ReturnType<typeof createManagementQueries>;
