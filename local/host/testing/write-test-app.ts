import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreLog } from '../../functions-core/core-api';
import { loadApp } from '../../functions-core/load-app';

const libraryDir = path.resolve('node_modules/@azure/functions');

/**
 * Test support: writes a small Functions app (CommonJS source that requires '@azure/functions') to a
 * temp dir and returns its main file. The library is required by absolute path, and afresh: it keeps
 * module state (its cached core API, `enableHttpStream`), so two apps in one process must not share it.
 */
export function writeTestApp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-host-app-'));
  const file = path.join(dir, 'index.js');
  const lib = JSON.stringify(libraryDir);
  const prologue = `delete require.cache[require.resolve(${lib})];\n`;
  fs.writeFileSync(file, prologue + source.replace(/(['"])@azure\/functions\1/g, lib));
  return file;
}

/** Test support: writes and loads a test app. */
export async function loadTestApp(source: string, log: CoreLog = () => undefined) {
  return loadApp(writeTestApp(source), log);
}
