/** Renders a sheet's values as an aligned text table for the terminal. */
export function textTable(rows: readonly (readonly unknown[])[]): string {
  const shown = rows.map((row) => row.map(showCell));
  const widths: number[] = [];
  // A note that fills only the first cell (skipped rows) may run past its column.
  const isNote = (row: string[]) => row.length > 1 && row.slice(1).every((cell) => cell === '');
  for (const row of shown) if (!isNote(row)) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, [...cell].length)));
  const lines = shown.map((row, r) =>
    row
      .map((cell, c) => {
        const numeric = typeof rows[r][c] === 'number';
        const pad = ' '.repeat(Math.max(0, widths[c] - [...cell].length));
        return numeric ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
  if (lines.length > 1) lines.splice(1, 0, widths.map((width) => '─'.repeat(width)).join('  '));
  return lines.join('\n');
}

function showCell(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString().slice(0, 10);
  return String(value ?? '');
}
