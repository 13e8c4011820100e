import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Worksheet } from 'exceljs';

/** Node's writable state, as `readable-stream` 2 (archiver's copy) also keeps it. */
interface WritableStateHolder {
  _writableState?: { needDrain?: boolean; length?: number };
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * RELIES ON EXCELJS 4.4.0 INTERNALS (isolated here; `xlsx-renderer.test.ts` fails if they change).
 *
 * exceljs's streaming writer never says when to wait: a worksheet writes its rows into a `StreamBuf`
 * (`worksheet.stream`, not in the typings) whose `write` always returns true and which hands its 64 KB
 * chunks on without looking at the answer. The zip library (archiver 5) reads that StreamBuf through a
 * PassThrough of its own (`stream.pipes[0]`), and that PassThrough is the one place where the rows pile up
 * when the artifact stream is read slowly: everything after it (deflate, the zip's output, the artifact
 * stream) is piped with back-pressure. So after each batch of rows the writer asks that PassThrough whether
 * it wants a drain, and waits for it (or for the artifact stream to close) before writing more.
 *
 * Returns undefined when the internals are not where expected: the renderer then still works, without
 * back-pressure.
 */
export function sheetBackpressure(worksheet: Worksheet): ((output: Writable) => Promise<void>) | undefined {
  const stream = (worksheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const sink = stream?.pipes?.[0] as WritableStateHolder | undefined;
  if (!sink?._writableState || typeof sink.once !== 'function') return undefined;
  const state = sink._writableState;
  return async (output) => {
    if (!state.needDrain || output.destroyed) return;
    const closed = new AbortController();
    try {
      await Promise.race([
        new Promise<void>((resolve) => sink.once('drain', resolve)),
        once(output, 'close', { signal: closed.signal }).then(
          () => undefined,
          () => undefined,
        ),
      ]);
    } finally {
      closed.abort();
    }
  };
}
