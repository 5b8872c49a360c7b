// The meetings from 2010 to 2012 along a line, planned ones marked, the one in the details
// panel pressed.
import * as api from './api';
import type { MeetingSummary } from './api';
import { byId, h, replace } from './dom';
import { label, t, valueLabel } from './i18n';
import { detailsId } from './store';
import type { PageStore } from './store';

export function mountTimeline(
  page: PageStore,
  handlers: { open(id: string): void },
): { load(): Promise<void> } {
  const container = byId('timeline');
  page.watch(
    (s) => [s.meetings, detailsId(s), s.lang],
    ([meetings, current]) => {
      if (meetings.length) render(container, meetings, current, handlers.open);
    },
  );
  return {
    async load() {
      page.set({ meetings: await api.meetings() });
    },
  };
}

function render(
  container: HTMLElement,
  meetings: readonly MeetingSummary[],
  current: string | undefined,
  onChoose: (id: string) => void,
): void {
  const years = [...new Set(meetings.map((m) => m.year))].sort((a, b) => a - b);
  replace(
    container,
    h(
      'ol',
      { className: 'timeline-years' },
      years.map((year) =>
        h(
          'li',
          { className: 'timeline-year' },
          h('h3', { className: 'year-label' }, String(year)),
          h(
            'ol',
            { className: 'timeline-meetings' },
            meetings
              .filter((m) => m.year === year)
              .map((m) => {
                const planned = m.status === 'PLANNED';
                return h(
                  'li',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      className: `timeline-item${planned ? ' planned' : ''}`,
                      'data-testid': 'timeline-item',
                      'data-entity-id': m.id,
                      'data-status': m.status,
                      'aria-pressed': String(m.id === current),
                      onclick: () => onChoose(m.id),
                    },
                    h('span', { className: 'timeline-date' }, m.date ?? String(m.year)),
                    h('span', { className: 'timeline-name' }, label(m)),
                    h(
                      'span',
                      { className: 'timeline-meta' },
                      [m.city ? label(m.city) : null, valueLabel(m.kind)]
                        .filter(Boolean)
                        .join(' · '),
                    ),
                    planned ? h('span', { className: 'planned-badge' }, t('planned')) : null,
                  ),
                );
              }),
          ),
        ),
      ),
    ),
  );
}
