import { mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createVuetify } from 'vuetify';
import RunSummary from './RunSummary.vue';
import { aDelivery, aRun } from './run-fixtures';

const render = (props: InstanceType<typeof RunSummary>['$props']) =>
  mount(RunSummary, {
    props,
    global: { plugins: [createVuetify()], stubs: { RouterLink: RouterLinkStub, transition: false } },
  });

describe('RunSummary', () => {
  it('a run delivered to 2 of 3 recipients says so in a warning, not a green header', () => {
    const wrapper = render({
      run: aRun(),
      deliveries: [
        aDelivery({ id: 'a', recipient: 'a@x.com' }),
        aDelivery({ id: 'b', recipient: 'b@x.com' }),
        aDelivery({ id: 'c', recipient: 'c@x.com', status: 'dead' }),
      ],
      reportName: 'Sales',
      scheduleName: 'Daily',
    });
    const outcome = wrapper.get('[data-testid="run-outcome"]');
    expect(outcome.text()).toContain('Generated, delivered to 2 of 3 recipients');
    expect(outcome.classes()).toContain('text-warning');
    expect(outcome.classes()).not.toContain('text-success');
  });

  it('a failed run shows its error code, message and suggested fix up front, and links its schedule', () => {
    const wrapper = render({
      run: aRun({
        status: 'failed',
        error: { code: 'RENDER_TIMEOUT', message: 'took too long', suggestedFix: null },
      }),
      deliveries: undefined,
      reportName: 'Sales',
      scheduleName: 'Daily',
    });
    expect(wrapper.get('[data-testid="run-error-code"]').text()).toBe('RENDER_TIMEOUT');
    expect(wrapper.get('[data-testid="run-suggested-fix"]').text()).toContain('reduce the rows');
    const links = wrapper.findAllComponents(RouterLinkStub).map((l) => l.props('to'));
    expect(links).toEqual(['/reports/rep-1', '/schedules/sch-1']);
  });
});
