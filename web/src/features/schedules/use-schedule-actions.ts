/** Pause, resume, trigger now and delete, each keeping the cached schedule and lists fresh. */
import { useMutation, useQueryClient } from '@tanstack/vue-query';
import type { ScheduleResource, TriggeredRun } from '../../../../shared/contracts/schedule-resource';
import type { z } from 'zod';
import { runKeys, scheduleKeys } from '../../api/query-keys';
import type { ApiResponse } from '../../api/api-client';
import { useApiClient } from '../../api/use-api-client';

type Triggered = z.output<typeof TriggeredRun>;

export function useScheduleActions() {
  const api = useApiClient();
  const queryClient = useQueryClient();

  const refresh = async (saved?: ApiResponse<ScheduleResource>) => {
    if (saved) queryClient.setQueryData(scheduleKeys.detail(saved.data.id), saved);
    await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
  };

  const setActive = useMutation({
    mutationFn: (input: { id: string; active: boolean; etag?: string | null }) =>
      api.request<ScheduleResource>(`schedules/${input.id}/${input.active ? 'resume' : 'pause'}`, {
        method: 'POST',
        ifMatch: input.etag,
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: refresh,
  });

  const trigger = useMutation({
    mutationFn: async (id: string) =>
      (
        await api.request<Triggered>(`schedules/${id}/trigger`, {
          method: 'POST',
          idempotencyKey: crypto.randomUUID(),
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runKeys.all }),
  });

  const remove = useMutation({
    mutationFn: (input: { id: string; etag?: string | null }) =>
      api.request<void>(`schedules/${input.id}`, { method: 'DELETE', ifMatch: input.etag }),
    onSuccess: () => refresh(),
  });

  return { setActive, trigger, remove };
}
