/** The fields an audit entry's diff (`{ field: { from, to } }`) changed, for the table's one-line summary. */
export function changedFields(diff: Record<string, unknown> | null, max = 6): string {
  if (!diff) return '';
  const fields = Object.keys(diff);
  return fields.length > max
    ? `${fields.slice(0, max).join(', ')} +${fields.length - max} more`
    : fields.join(', ');
}
