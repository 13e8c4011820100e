import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';

/** The 1-minute load average, as `uptime` prints it. */
export const loadAverage = (): number => os.loadavg()[0]!;

/**
 * `count` busy loops in child processes, to show the figures on a loaded machine (`--burner`, `--burner=3`);
 * stop() ends exactly these processes.
 */
export function startBurners(count: number): { stop(): void } {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return {
    stop() {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
