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

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) of a process, its live descendants and the children it has reaped, in ms
 * (Linux, 100 ticks/s). Chromium runs a process per tab, and a closed tab's process is reaped by it.
 */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const f = statFields(pid);
  const own = f ? (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10 : 0;
  return own + childrenOf(pid).reduce((sum, kid) => sum + cpuMs(kid), 0);
}

/** CPU ms this Node process has used. */
export const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Resident memory of a process and its descendants now, in bytes (Linux). */
export function rssTree(pid: number): number {
  return statusField(pid, 'VmRSS') + childrenOf(pid).reduce((sum, kid) => sum + rssTree(kid), 0);
}

/** Samples a process tree's resident memory every 250 ms; peak() is the highest sum seen (Chromium's tab processes come and go). */
export function sampleRss(pid: () => number | undefined): { peak(): number; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => {
    const p = pid();
    if (p !== undefined) peak = Math.max(peak, rssTree(p));
  }, 250);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (x: number) => `${Math.round(x)} ms`;
