/**
 * The cron editor's state around one expression: the preset it matches, its five fields, whether the scheduler
 * accepts it and its sentence. Every setter writes the expression, and everything else is derived from it, so
 * presets, fields and raw text never disagree.
 */
import { computed, type Ref } from 'vue';
import { checkCron, joinCron, splitCron, type CronFieldKey, type CronFields } from './cron-fields';
import { cronToPreset, presetToCron, type CronPreset, type CronPresetKind } from './cron-presets';
import { describeCron } from './describe-cron';

/** The time and day a preset keeps when you switch to another preset. */
function carried(preset: CronPreset) {
  return {
    hour: 'hour' in preset ? preset.hour : 8,
    minute: 'minute' in preset ? preset.minute : 0,
    weekday: preset.kind === 'weekly' ? preset.weekday : 1,
    day: preset.kind === 'monthly' ? preset.day : 1,
  };
}

export function useCronEditor(expression: Ref<string>) {
  const preset = computed(() => cronToPreset(expression.value));
  const fields = computed<CronFields | null>(() => splitCron(expression.value));
  const check = computed(() => checkCron(expression.value));
  const sentence = computed(() => (check.value.ok ? describeCron(expression.value) : null));

  function choosePreset(kind: CronPresetKind): void {
    if (kind === 'custom') return;
    const keep = carried(preset.value);
    if (kind === 'hourly') expression.value = presetToCron({ kind, minute: keep.minute });
    else if (kind === 'weekly')
      expression.value = presetToCron({ kind, weekday: keep.weekday, hour: keep.hour, minute: keep.minute });
    else if (kind === 'monthly')
      expression.value = presetToCron({ kind, day: keep.day, hour: keep.hour, minute: keep.minute });
    else expression.value = presetToCron({ kind, hour: keep.hour, minute: keep.minute });
  }

  /** Changes one part of the current preset (its time, weekday or day of month). */
  function updatePreset(
    change: Partial<{ hour: number; minute: number; weekday: number; day: number }>,
  ): void {
    const current = preset.value;
    if (current.kind === 'custom') return;
    expression.value = presetToCron({ ...current, ...change });
  }

  function setField(key: CronFieldKey, value: string): void {
    const base = fields.value ?? { minute: '*', hour: '*', dayOfMonth: '*', month: '*', dayOfWeek: '*' };
    expression.value = joinCron({ ...base, [key]: value });
  }

  function fieldError(key: CronFieldKey): string | null {
    return check.value.field === key ? check.value.message : null;
  }

  return { preset, fields, check, sentence, choosePreset, updatePreset, setField, fieldError };
}
