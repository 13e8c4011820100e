import { Socket } from 'node:net';
import type { OutboundPolicy } from './outbound-policy';

/**
 * A TCP socket for database drivers that take a socket factory (pg's `stream`): `connect(port, host)`
 * checks the host, resolves it with the guard's lookup (the address checked is the one connected to) and
 * checks the connected peer. A refused target destroys the socket with OUTBOUND_BLOCKED.
 */
export function createGuardedSocket(policy: OutboundPolicy): Socket {
  const socket = new Socket();
  const connectTcp = socket.connect.bind(socket) as (options: {
    port: number;
    host: string;
    lookup: ReturnType<OutboundPolicy['lookupFor']>;
  }) => Socket;
  const connect = (port: number, host: string): Socket => {
    let hostname: string;
    try {
      hostname = policy.checkHost(host, Number(port));
    } catch (err) {
      process.nextTick(() => socket.destroy(err as Error));
      return socket;
    }
    socket.once('connect', () => {
      try {
        policy.checkConnected(socket.remoteAddress, hostname, Number(port));
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    return connectTcp({
      port: Number(port),
      host: hostname.replace(/^\[|\]$/g, ''),
      lookup: policy.lookupFor(Number(port)),
    });
  };
  return Object.assign(socket, { connect });
}

/** Opens a guarded TCP connection (for drivers taking a connector: tedious's `options.connector`). */
export function connectGuarded(
  policy: OutboundPolicy,
  host: string,
  port: number,
  signal?: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createGuardedSocket(policy);
    const abort = () =>
      socket.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    socket.once('error', (err) => {
      signal?.removeEventListener('abort', abort);
      reject(err);
    });
    // The guard's own check runs first (it was registered in connect) and destroys a refused peer.
    socket.once('connect', () => {
      signal?.removeEventListener('abort', abort);
      if (!socket.destroyed) resolve(socket);
    });
    socket.connect(port, host);
  });
}
