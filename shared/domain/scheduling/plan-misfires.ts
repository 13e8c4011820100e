/**
 * Which missed fires to run now and which to record as missed (see misfire-policy.ts). Fires later than `now`
 * are not missed yet and appear in neither list. Both lists are in time order.
 */
import type { Fire } from './fire';
import { type MisfirePolicy, misfireWindowMs } from './misfire-policy';

export interface MisfirePlan {
  fire: Fire[];
  missed: Fire[];
}

export function planMisfires(policy: MisfirePolicy, missedFires: readonly Fire[], now: Date): MisfirePlan {
  const past = [...missedFires].filter((f) => f.utc <= now).sort((a, b) => a.utc.getTime() - b.utc.getTime());
  if (policy.kind === 'skip') return { fire: [], missed: past };
  const windowStart = now.getTime() - misfireWindowMs(policy);
  const eligible = past.filter((f) => f.utc.getTime() >= windowStart);
  const take = policy.kind === 'fire_once' ? 1 : policy.cap;
  const fire = eligible.slice(-take);
  const firing = new Set(fire);
  return { fire, missed: past.filter((f) => !firing.has(f)) };
}
