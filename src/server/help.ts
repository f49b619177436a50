const FUNCTIONS: ReadonlyArray<[string, string]> = [
  ['=AR_AGING(Invoices!A1:J, TODAY())', 'Open balances per customer: Not due, 1–30, 31–60, 61–90, 90+ days past due, and totals; TODAY() makes it move on each day.'],
  ['=AR_AGING(Invoices!A1:J, DATE(2026,3,31))', 'The same report as it stood at the end of 31 March 2026.'],
  ['=AR_AGING(Invoices!A1:J, , "15,45,90", "invoice")', 'Other buckets, counted from the invoice date.'],
  ['=AR_DAYS_OVERDUE(Invoices!A1:J)', 'A column of days past due, row by row, for filters and conditional formatting.'],
  ['=AR_BUCKET(Invoices!A1:J)', 'A column with each open invoice’s aging bucket.'],
  ['=AR_EXPECTED_DATE(Invoices!A1:J)', 'A column with the date each open invoice is expected to be paid, learned from each customer’s history.'],
  ['=AR_FORECAST(Invoices!A1:J, , "week", 8)', 'Expected collections per week (or month), with a low–high range.'],
  ['=AR_CASHFLOW(Invoices!A1:J, Outflows!A1:F, 12000)', 'The cash position per week (or month): expected receipts with their range, outflows falling due, Balance and Balance low, and the first gap below the floor.'],
  ['=AR_COLLECT_FIRST(Invoices!A1:J, Outflows!A1:F, 12000)', 'The open invoices to chase first to close the cash gap, and what would still be missing if all came in.'],
  ['=AR_CUSTOMERS(Invoices!A1:J)', 'One row per customer: balances, how late they pay, trend, next payment, risk grade A–D.'],
  ['=AR_LATE_FEE(Invoices!A1:J)', 'A column with the late fee each overdue invoice has run up under your credit policy (shown, never charged).'],
  ['=AR_CHART_DATA(Invoices!A1:J, TODAY(), "aging", "USD")', 'What the dashboard’s charts read: one currency’s balance per bucket ("aging") or expected collections per week ("forecast"), with no total rows.'],
  ['=AR_MATCH(Payments!A1:H, Invoices!A1:J, TODAY())', 'Bank-statement payments matched to open invoices: which invoices each pays, how sure (exact, strong, several, partial, none) and why. Import a statement and apply the ticked rows from the menu.'],
  ["=AR_EFFECTIVENESS(Invoices!A1:J, TODAY(), 'Reminder log'!A1:Z, Collections!A1:Z)", 'What each step of the reminders gets paid, per channel: sent, paid within 7 and 14 days, median days to pay, beside comparable invoices not reminded at that step.'],
  ['=AR_DSO_TREND(Invoices!A1:J, 12, TODAY())', 'DSO and the share overdue, month by month.'],
  ['=AR_DSO(Invoices!A1:J, , 90)', 'Days sales outstanding; also AR_BEST_DSO, AR_ADD (average days delinquent) and AR_CEI (collection effectiveness).'],
];

/** The Help dialog: fixed text only, nothing typed by a user. */
export function helpPage(): string {
  const rows = FUNCTIONS.map(([formula, meaning]) => `<tr><td><code>${formula}</code></td><td>${meaning}</td></tr>`).join('');
  return `<!DOCTYPE html><html><head><base target="_top"><link rel="stylesheet" href="https://ssl.gstatic.com/docs/script/css/add-ons1.css"></head>
<body style="padding:12px;font-size:13px">
<p>Receivables for Sheets reads your invoice table (a header row, then one invoice per row) and turns it into live reports. It recognises headers such as Customer, Invoice date, Due date, Amount, Paid, Balance, Paid date, Currency, in English and Russian.</p>
<table style="border-collapse:collapse" cellpadding="4">${rows}</table>
<p>Dates are read in the spreadsheet's time zone (File › Settings). A row that cannot be read is skipped and named in the report.</p>
<p>Payment reminders: preview them, send them now, or turn on the daily schedule from this menu. Each is logged in the Reminder log sheet; per-customer settings (language, pause, promise to pay, payment plan) live in the Customers sheet.</p>
</body></html>`;
}
