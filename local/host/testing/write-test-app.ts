import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { CoreLog } from '../../functions-core/core-api';
import { loadApp } from '../../functions-core/load-app';

const libraryDir = path.resolve('node_modules/@azure/functions');

/**
 * Test support: writes a small Functions app (CommonJS source that requires '@azure/functions') to a
 * temp dir and returns its main file. The library is required by absolute path.
 */
export function writeTestApp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-host-app-'));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, source.replace(/(['"])@azure\/functions\1/g, JSON.stringify(libraryDir)));
  return file;
}

/**
 * Test support: loads a test app with a fresh copy of '@azure/functions'. The library keeps module
 * state (its cached core API, `enableHttpStream`), so two apps in one process must not share it.
 */
export async function loadTestApp(source: string, log: CoreLog = () => undefined) {
  const requireHere = createRequire(path.join(libraryDir, 'package.json'));
  delete requireHere.cache[requireHere.resolve(libraryDir)];
  return loadApp(writeTestApp(source), log);
}
