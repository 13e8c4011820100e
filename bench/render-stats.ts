import { readFileSync, readdirSync } from 'node:fs';

export const median = (xs: number[]) => percentile(xs, 0.5);

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

function statusField(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return kids;
}

/** CPU time (user + system) a process and its descendants have used, in ms (Linux, 100 ticks/s). */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  let own: number;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    own = (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    own = 0;
  }
  return own + childrenOf(pid).reduce((sum, kid) => sum + cpuMs(kid), 0);
}

/** CPU ms this Node process has used. */
export const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Peak resident memory (VmHWM) of a process and its descendants, in bytes (Linux). */
export function peakRss(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  return statusField(pid, 'VmHWM') + childrenOf(pid).reduce((sum, kid) => sum + peakRss(kid), 0);
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (x: number) => `${Math.round(x)} ms`;
