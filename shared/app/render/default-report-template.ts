/** The body used when a report has no template: its name, description, and a table of every column. */
export const defaultReportBody = `<h1>{{ report.name }}</h1>
{% if report.description != "" %}<p class="description">{{ report.description }}</p>{% endif %}
<p class="meta">{{ run.fireTime | default: now | format_date: 'd MMM yyyy HH:mm zzz' }}</p>
<table>
  <thead><tr>{% for c in columns %}<th>{{ c.name }}</th>{% endfor %}</tr></thead>
  <tbody>
  {%- for row in rows %}
    <tr>{% for c in columns %}<td>{{ row[c.name] }}</td>{% endfor %}</tr>
  {%- endfor %}
  </tbody>
</table>
`;
