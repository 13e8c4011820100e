import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import type { ExecutionRun, RunStep } from '../../../../shared/contracts/run';

export type TimelineStatus = 'waiting' | 'running' | 'succeeded' | 'failed';

/** One bar of the run's Gantt: where it starts and how wide it is, in % of the run's span. */
export interface TimelineRow {
  key: string;
  kind: 'extract' | 'render' | 'store' | 'deliver' | 'other';
  label: string;
  status: TimelineStatus;
  startedAt: string | null;
  endedAt: string | null;
  /** Elapsed so far for a running step (it grows with `now`). */
  durationMs: number | null;
  attempts: number;
  worker: string | null;
  deliveryId: string | null;
  offsetPct: number;
  widthPct: number;
}

const formatNames: Record<string, string> = { pdf: 'PDF', csv: 'CSV', json: 'JSON', html: 'HTML' };
const formatName = (f: string) => formatNames[f] ?? f.toUpperCase();

function describeStep(name: string): Pick<TimelineRow, 'kind' | 'label'> {
  if (name === 'extract') return { kind: 'extract', label: 'Extract data' };
  const [head, format] = name.split(':', 2);
  // The render step writes the file and records the artifact before it ends: render and store in one.
  if (head === 'render' && format) return { kind: 'render', label: `Render & store ${formatName(format)}` };
  if (head === 'store' && format) return { kind: 'store', label: `Store ${formatName(format)}` };
  return { kind: 'other', label: name };
}

const kindOrder: Record<TimelineRow['kind'], number> = {
  extract: 0,
  render: 1,
  store: 2,
  other: 3,
  deliver: 4,
};

type Bar = Omit<TimelineRow, 'offsetPct' | 'widthPct'>;

function stepBar(step: RunStep, runWorker: string | null): Bar {
  return {
    key: `step:${step.name}`,
    ...describeStep(step.name),
    status: step.status,
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    durationMs: step.durationMs,
    attempts: step.attempts ?? 1,
    worker: step.workerId ?? runWorker,
    deliveryId: null,
  };
}

function deliveryBar(d: DeliveryRecord): Bar {
  const status: TimelineStatus =
    d.status === 'sent'
      ? 'succeeded'
      : d.status === 'failed' || d.status === 'dead'
        ? 'failed'
        : d.status === 'sending' || d.firstAttemptAt
          ? 'running'
          : 'waiting';
  const endedAt =
    d.status === 'sent' ? (d.sentAt ?? d.lastAttemptAt) : status === 'failed' ? d.lastAttemptAt : null;
  return {
    key: `deliver:${d.id}`,
    kind: 'deliver',
    label: `Deliver ${d.channel} → ${d.recipient}`,
    status,
    startedAt: d.firstAttemptAt ?? d.createdAt,
    endedAt,
    durationMs: null,
    attempts: d.attempts,
    worker: null,
    deliveryId: d.id,
  };
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);

/**
 * The run's steps (extract, render per format, …) then one bar per delivery, on one time axis from the
 * first start to the last end. Running bars end at `now`, so polling makes them grow.
 */
export function buildStepTimeline(
  run: ExecutionRun,
  deliveries: readonly DeliveryRecord[],
  now: Date,
): TimelineRow[] {
  const bars = [...run.steps.map((s) => stepBar(s, run.workerId)), ...deliveries.map(deliveryBar)].sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      ms(a.startedAt) - ms(b.startedAt) ||
      a.label.localeCompare(b.label),
  );
  const nowMs = now.getTime();
  const endOf = (b: Bar) => (b.endedAt ? ms(b.endedAt) : b.status === 'running' ? nowMs : ms(b.startedAt));
  const starts = bars.map((b) => ms(b.startedAt)).filter(Number.isFinite);
  const t0 = Math.min(ms(run.startedAt ?? run.createdAt), ...starts);
  const t1 = Math.max(t0 + 1, ...bars.map(endOf).filter(Number.isFinite));
  const span = t1 - t0;
  return bars.map((b) => {
    const start = ms(b.startedAt);
    const end = endOf(b);
    const elapsed =
      b.status !== 'waiting' && Number.isFinite(start) && Number.isFinite(end)
        ? Math.max(0, end - start)
        : null;
    return {
      ...b,
      durationMs: b.durationMs ?? elapsed,
      offsetPct: Number.isFinite(start) ? ((start - t0) / span) * 100 : 0,
      widthPct: elapsed === null ? 0 : Math.max((elapsed / span) * 100, 0.5),
    };
  });
}

/** `1.2 s`, `340 ms`, `2 min 5 s`. */
export function formatDuration(durationMs: number | null): string {
  if (durationMs === null) return '—';
  if (durationMs < 1000) return `${durationMs} ms`;
  const seconds = durationMs / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}
