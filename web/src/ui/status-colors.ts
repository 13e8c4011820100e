/** The colour and label of a status chip; failures are never green (UI.md "never green on failure"). */
export interface StatusLook {
  color: string;
  label: string;
}

const looks: Record<string, StatusLook> = {
  succeeded: { color: 'success', label: 'Succeeded' },
  delivered: { color: 'success', label: 'Delivered' },
  active: { color: 'success', label: 'Active' },
  running: { color: 'info', label: 'Running' },
  queued: { color: 'info', label: 'Queued' },
  pending: { color: 'info', label: 'Pending' },
  paused: { color: 'warning', label: 'Paused' },
  partially_delivered: { color: 'warning', label: 'Partly delivered' },
  retrying: { color: 'warning', label: 'Retrying' },
  cancelled: { color: 'secondary', label: 'Cancelled' },
  aborted: { color: 'secondary', label: 'Aborted' },
  missed: { color: 'warning', label: 'Missed' },
  completed: { color: 'secondary', label: 'Completed' },
  skipped: { color: 'secondary', label: 'Skipped' },
  failed: { color: 'error', label: 'Failed' },
  dead: { color: 'error', label: 'Dead letter' },
};

export function statusLook(status: string): StatusLook {
  return looks[status] ?? { color: 'secondary', label: status.replace(/_/g, ' ') };
}
