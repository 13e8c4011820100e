import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useCronEditor } from './use-cron-editor';

describe('useCronEditor: presets, fields and raw text in sync', () => {
  it('a preset writes the expression; fields and sentence follow', () => {
    const expression = ref('0 9 * * *');
    const editor = useCronEditor(expression);
    editor.choosePreset('weekdays');
    expect(expression.value).toBe('0 9 * * 1-5');
    editor.updatePreset({ hour: 8, minute: 0 });
    expect(expression.value).toBe('0 8 * * 1-5');
    expect(editor.fields.value).toMatchObject({ hour: '8', dayOfWeek: '1-5' });
    expect(editor.sentence.value).toBe('At 08:00, Monday through Friday');
  });

  it('switching presets keeps the time of day', () => {
    const expression = ref('45 17 * * 1-5');
    const editor = useCronEditor(expression);
    editor.choosePreset('monthly');
    expect(expression.value).toBe('45 17 1 * *');
    editor.updatePreset({ day: 15 });
    editor.choosePreset('weekly');
    expect(expression.value).toBe('45 17 * * 1');
    editor.choosePreset('hourly');
    expect(expression.value).toBe('45 * * * *');
  });

  it('editing a field can leave the presets (custom) and a bad field is named', () => {
    const expression = ref('0 8 * * 1-5');
    const editor = useCronEditor(expression);
    editor.setField('minute', '*/15');
    expect(expression.value).toBe('*/15 8 * * 1-5');
    expect(editor.preset.value).toEqual({ kind: 'custom' });
    editor.setField('hour', '24');
    expect(editor.check.value.ok).toBe(false);
    expect(editor.fieldError('hour')).toMatch(/hour/);
    expect(editor.fieldError('minute')).toBeNull();
    expect(editor.sentence.value).toBeNull();
  });

  it('typing the raw expression updates the preset', () => {
    const expression = ref('');
    const editor = useCronEditor(expression);
    expression.value = '30 6 * * 0';
    expect(editor.preset.value).toEqual({ kind: 'weekly', weekday: 0, hour: 6, minute: 30 });
  });
});
