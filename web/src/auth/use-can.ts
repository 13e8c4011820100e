/**
 * What the signed-in user may do, by the same rules the API applies (shared/app/auth/authorize.ts): viewers read,
 * report creators create and edit what they created, tenant admins everything. The UI hides what the server
 * would refuse; the server still decides.
 */
import { computed } from 'vue';
import { isAllowed, type OwnedResource } from '../../../shared/app/auth/authorize';
import { useSessionStore } from './session-store';

export function useCan() {
  const session = useSessionStore();
  const principal = computed(() => session.principal);

  const can = (action: 'create' | 'update' | 'delete' | 'admin', resource?: { createdBy?: string }) => {
    const who = principal.value;
    if (!who) return false;
    const owned: OwnedResource | undefined = resource ? { tenantId: who.tenantId, ...resource } : undefined;
    return isAllowed(who, action, owned);
  };

  return {
    canCreate: computed(() => can('create')),
    canAdmin: computed(() => can('admin')),
    isReadOnly: computed(() => !can('create')),
    canEdit: (resource: { createdBy?: string }) => can('update', resource),
    canDelete: (resource: { createdBy?: string }) => can('delete', resource),
  };
}
