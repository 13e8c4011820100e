import type { IncomingMessage, ServerResponse } from 'node:http';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AppState } from '../functions-core/invoke-function';
import { invokeFunction } from '../functions-core/invoke-function';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { BodyTooLargeError, declaresTooLarge, readBody } from './read-body';
import { buildRpcHttpRequest } from './rpc-http-request';
import { writeRpcHttpResponse } from './write-rpc-response';
import { forwardToWorker, pipeWorkerResponse } from './worker-http-proxy';

export interface HttpInvocation {
  fn: RegisteredFunction;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  requestId: string;
}

export interface HttpInvokerDeps {
  app: AppState;
  /** `capabilities.HttpUri`: set when the app enabled HTTP streaming. */
  httpUri: string | undefined;
  maxBodyBytes: number;
  now: () => Date;
  agent: http.Agent;
  /** Invocations whose function returned nothing (streaming mode sends no proxied response then). */
  emptyResults: Set<string>;
}

/** Outcomes the caller turns into an error envelope. */
export type InvocationFailure = { kind: 'too-large' } | { kind: 'failed'; error: unknown };

function triggerInput(fn: RegisteredFunction, http: ReturnType<typeof buildRpcHttpRequest>) {
  return {
    inputData: [{ name: fn.trigger.name, data: { http: http.http } }],
    triggerMetadata: http.triggerMetadata,
  };
}

async function invokeBuffered(
  deps: HttpInvokerDeps,
  call: HttpInvocation,
): Promise<InvocationFailure | undefined> {
  let body: Buffer;
  try {
    body = await readBody(call.req, deps.maxBodyBytes);
  } catch (error) {
    return error instanceof BodyTooLargeError ? { kind: 'too-large' } : { kind: 'failed', error };
  }
  const rpc = buildRpcHttpRequest({ ...call, body, functionName: call.fn.name, now: deps.now() });
  let outcome;
  try {
    outcome = await invokeFunction(deps.app, call.fn, triggerInput(call.fn, rpc));
  } catch (error) {
    return { kind: 'failed', error };
  }
  await writeRpcHttpResponse(call.res, outcome.response.returnValue?.http, {
    method: rpc.http.method ?? 'GET',
    extraHeaders: { 'X-Request-Id': call.requestId },
  });
  return undefined;
}

type FirstEvent =
  | { kind: 'returned' }
  | { kind: 'threw'; error: unknown }
  | { kind: 'response'; response: IncomingMessage }
  | { kind: 'proxy-failed'; error: unknown };

async function invokeStreaming(
  deps: HttpInvokerDeps,
  call: HttpInvocation,
  httpUri: string,
): Promise<InvocationFailure | undefined> {
  const invocationId = randomUUID();
  const proxy = forwardToWorker({
    httpUri,
    invocationId,
    req: call.req,
    publicUrl: call.url,
    maxBodyBytes: deps.maxBodyBytes,
    agent: deps.agent,
  });
  const rpc = buildRpcHttpRequest({ ...call, body: undefined, functionName: call.fn.name, now: deps.now() });
  const invocation = invokeFunction(deps.app, call.fn, { ...triggerInput(call.fn, rpc), invocationId });
  const settled = invocation.then(
    (): FirstEvent => ({ kind: 'returned' }),
    (error): FirstEvent => ({ kind: 'threw', error }),
  );
  const responded = proxy.response.then(
    (response): FirstEvent => ({ kind: 'response', response }),
    (error): FirstEvent => ({ kind: 'proxy-failed', error }),
  );
  // The worker starts its proxied response while the function's body stream is still running, so the
  // response may come first; and if the proxy hop fails, the invocation may never end: race both.
  let first = await Promise.race([settled, responded]);
  const extraHeaders = { 'X-Request-Id': call.requestId };
  // A function may answer (a 413 of its own, say) before reading the whole body: the rest of it is still
  // on the socket, so the connection cannot serve a next request — say so rather than reset it later.
  const closing = () => (call.req.complete ? extraHeaders : { ...extraHeaders, Connection: 'close' });
  if (first.kind === 'returned') {
    const empty = deps.emptyResults.delete(invocationId);
    if (empty || proxy.tooLarge()) {
      proxy.abort();
      if (proxy.tooLarge()) return { kind: 'too-large' };
      await writeRpcHttpResponse(call.res, undefined, { method: rpc.http.method ?? 'GET', extraHeaders });
      return undefined;
    }
    first = await responded;
  }
  if (first.kind === 'response') {
    // A body stream that fails half-way makes the invocation throw: cut the proxied response then.
    void settled.then((end) => end.kind === 'threw' && proxy.abort());
    await pipeWorkerResponse(first.response, call.res, closing());
    return undefined;
  }
  deps.emptyResults.delete(invocationId);
  proxy.abort();
  return proxy.tooLarge()
    ? { kind: 'too-large' }
    : { kind: 'failed', error: 'error' in first ? first.error : undefined };
}

/** Runs one HTTP function for one request, buffered or (when the app asked for it) streamed. */
export async function invokeHttpFunction(
  deps: HttpInvokerDeps,
  call: HttpInvocation,
): Promise<InvocationFailure | undefined> {
  if (declaresTooLarge(call.req, deps.maxBodyBytes)) return { kind: 'too-large' };
  return deps.httpUri ? invokeStreaming(deps, call, deps.httpUri) : invokeBuffered(deps, call);
}
