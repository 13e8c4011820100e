// `node .ci/run-lanes.mjs "lint" "typecheck build build:web"`: runs each quoted lane of npm scripts beside
// the others, the scripts of one lane in order, and fails when any script failed (after all lanes ended).
//
// Why: lint, typecheck and the builds are each one single-threaded process, so `npm test` ran them one
// after the other with the second core idle for minutes. Type-aware lint alone is as long as the
// type checks, so two lanes (lint | typecheck → build → build:web) keep both cores of a CI runner busy.
// Each script's output is printed when it ends, so two tools' errors never interleave.
import { spawn } from 'node:child_process';

const lanes = process.argv.slice(2).map((lane) => lane.split(/\s+/).filter(Boolean));
if (lanes.length === 0 || lanes.some((lane) => lane.length === 0)) {
  console.error('usage: node .ci/run-lanes.mjs "script script …" "script …"');
  process.exit(2);
}

/** `npm run <script>` with the npm that runs us (npm_execpath), its output collected. */
function runScript(script) {
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: !npm && process.platform === 'win32',
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => resolve({ code: 1, output: `${output}${String(err)}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The lane's scripts in order; the first that fails ends the lane. */
async function runLane(scripts) {
  for (const script of scripts) {
    const started = Date.now();
    const { code, output } = await runScript(script);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(output);
    console.log(`── ${script}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
    if (code !== 0) return false;
  }
  return true;
}

const results = await Promise.all(lanes.map(runLane));
process.exit(results.every(Boolean) ? 0 : 1);
