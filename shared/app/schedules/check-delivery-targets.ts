import type { Repositories } from '../../ports/repositories';
import { invalidField } from '../validation/invalid-field';

/**
 * Each delivery target a schedule names must exist in the caller's tenant: one point read per id (at most 20),
 * in the tenant's partition, so another tenant's target reads as absent and gets the very same answer as a
 * missing one. An inactive target is accepted: deactivating a target is how its owner pauses that delivery, and
 * refusing it here would make every schedule that uses it impossible to edit until it is reactivated. The same id
 * twice is refused, since it would deliver twice.
 */
export async function checkDeliveryTargets(
  repos: Repositories,
  tenantId: string,
  ids: readonly string[],
): Promise<void> {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      throw invalidField(
        `deliveryTargetIds[${i}]`,
        'invalid_value',
        `repeats ${id} (already at index ${ids.indexOf(id)})`,
      );
  });
  const targets = await Promise.all(ids.map((id) => repos.deliveryTargets.get(tenantId, id)));
  targets.forEach((target, i) => {
    if (!target)
      throw invalidField(
        `deliveryTargetIds[${i}]`,
        'not_found',
        `names no delivery target of your tenant (${ids[i]})`,
      );
  });
}
