import { describe, expect, it } from 'vitest';
import { galleryFiltersToApi, galleryStateToQuery, parseGalleryState } from './gallery-filters';

describe('gallery URL state', () => {
  it('keeps filters and the selected artifact in the query', () => {
    const state = { format: 'pdf' as const, artifact: 'a1', from: '2026-03-01' };
    const query = galleryStateToQuery(state);
    expect(query).toEqual({ format: 'pdf', artifact: 'a1', from: '2026-03-01' });
    expect(parseGalleryState({ ...query, format: 'exe' })).toMatchObject({
      format: undefined,
      artifact: 'a1',
    });
  });

  it('sends the date range as instants of the viewer zone', () => {
    expect(
      galleryFiltersToApi(
        { reportId: 'r', status: 'succeeded', from: '2026-03-01', to: '2026-03-01' },
        'Europe/Berlin',
      ),
    ).toEqual({
      reportId: 'r',
      status: 'succeeded',
      startDate: '2026-02-28T23:00:00.000Z',
      endDate: '2026-03-01T22:59:59.999Z',
    });
  });
});
