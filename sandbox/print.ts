/**
 * Renders a sheet's values as an aligned text table for the terminal, as
 * Sheets shows them in the spreadsheet's locale and zone: dates as days
 * (11/25/2026, 25.11.2026), amounts with two decimals and the locale's
 * separators (1,500.00, 1 500,00), counts of days or invoices as whole numbers.
 */
export function textTable(rows: readonly (readonly unknown[])[], timeZone: string, locale = 'en_US'): string {
  const show = cellFormatter(rows[0] ?? [], timeZone, locale);
  const shown = rows.map((row) => row.map(show));
  // A note that fills only the first cell (skipped rows) may run past its column.
  const isNote = (row: string[]) => row.length > 1 && row.slice(1).every((cell) => cell === '');
  const widths: number[] = [];
  for (const row of shown) if (!isNote(row)) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, [...cell].length)));
  const lines = shown.map((row, r) =>
    row
      .map((cell, c) => {
        const pad = ' '.repeat(Math.max(0, (widths[c] ?? 0) - [...cell].length));
        return typeof rows[r][c] === 'number' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
  if (lines.length > 1) lines.splice(1, 0, widths.map((width) => '─'.repeat(width)).join('  '));
  return lines.join('\n');
}

/**
 * How a block's cell shows in Sheets in the locale and zone, given the
 * block's header: dates as days, amounts with two decimals, counts of days
 * or invoices whole.
 */
export function cellFormatter(header: readonly unknown[], timeZone: string, locale = 'en_US'): (value: unknown, column: number) => string {
  const wholeNumbers = header.map((title) => /days|invoices|дн|счет/i.test(String(title)));
  const language = locale.replace('_', '-');
  const dayOf = new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (value, column) => {
    if (typeof value === 'number') {
      const digits = wholeNumbers[column] && Number.isInteger(value) ? 0 : 2;
      return value.toLocaleString(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    if (Object.prototype.toString.call(value) === '[object Date]') return dayOf.format(value as Date);
    return String(value ?? '');
  };
}
