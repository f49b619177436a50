// The run tests' common book: five customers, one overdue invoice each (the
// oldest first), as of 2026-03-10, in the columns a bookkeeper keeps.

export const INVOICE_HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email'];

export const FIVE = [
  ['Acme', 'A-1', '2026-01-01', '2026-01-31', 100, '', '', 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-02-09', 200, '', '', 'USD', 'ap@globex.example.com'],
  ['Initech', 'I-1', '2026-01-20', '2026-02-19', 300, '', '', 'USD', 'ap@initech.example.com'],
  ['Hooli', 'H-1', '2026-01-25', '2026-02-24', 400, '', '', 'USD', 'ap@hooli.example.com'],
  ['Umbrella', 'U-1', '2026-01-31', '2026-03-03', 500, '', '', 'USD', 'ap@umbrella.example.com'],
];
