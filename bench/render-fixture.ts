import type { ReportRenderInput } from '../shared/app/render/report-render-input';

/** The spec's target workload: a 10k-row, single-chart PDF (system-design §14: median generation < 20 s). */
export const benchTemplate = {
  header: '<span>{{ tenant.name }} · {{ report.name }}</span>',
  footer:
    '<div style="display:flex;justify-content:space-between"><span>Run {{ run.id }} · {{ now | format_date: "d MMM yyyy HH:mm zzz" }}</span>' +
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
  body: `<h1>{{ report.name }}</h1>
<p class="meta">{{ report.description }} — {{ run.fireTime | format_date: 'EEEE d MMMM yyyy' }}, {{ rows.size | number }} orders</p>
{{ rows | chart: 'bar', 'region', 'total', title: 'Revenue by region', width: 700, height: 300 }}
<table>
  <thead><tr><th>#</th><th>Order date</th><th>Region</th><th>Product</th><th class="num">Qty</th><th class="num">Total</th><th class="num">Margin</th></tr></thead>
  <tbody>
  {%- for r in rows %}
    <tr><td>{{ r.id }}</td><td>{{ r.orderedAt | format_date: 'yyyy-MM-dd HH:mm' }}</td><td>{{ r.region }}</td><td>{{ r.product }}</td><td class="num">{{ r.qty | number }}</td><td class="num">{{ r.total | currency: 'USD' }}</td><td class="num">{{ r.margin | percentage: 1 }}</td></tr>
  {%- endfor %}
  </tbody>
</table>
`,
};

const regions = ['North America', 'Europe', 'Asia Pacific', 'Latin America', 'Middle East', 'Africa'];
const products = ['Widget', 'Gadget', 'Gizmo', 'Doohickey', 'Thingamajig', 'Sprocket', 'Flange', 'Grommet'];

/** Deterministic rows (a linear congruential generator), so every run renders the same document. */
export function benchRows(count: number): Record<string, unknown>[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    orderedAt: new Date(start + Math.floor(next() * 90 * 86_400_000)).toISOString(),
    region: regions[Math.floor(next() * regions.length)],
    product: products[Math.floor(next() * products.length)],
    qty: 1 + Math.floor(next() * 500),
    total: Math.round(next() * 100_000) / 100,
    margin: Math.round((next() * 0.6 - 0.1) * 1000) / 1000,
  }));
}

export function benchInput(rowCount: number): ReportRenderInput {
  return {
    template: benchTemplate,
    report: { name: 'Orders — quarterly detail', description: 'Every order of the quarter' },
    run: { id: 'bench-run', fireTime: '2026-04-01T06:00:00Z', parameters: {} },
    tenant: { name: 'Bench Tenant', timezone: 'America/Chicago' },
    columns: ['id', 'orderedAt', 'region', 'product', 'qty', 'total', 'margin'].map((name) => ({
      name,
      type: 'VARCHAR',
    })),
    rows: benchRows(rowCount),
    now: new Date('2026-04-01T06:00:03Z'),
  };
}
