// Which worksheet of an .xlsx the sandbox opens as the invoice table: the first that holds one, as the
// add-on's own search does (QuickBooks Desktop writes "QuickBooks Export Tips" as the first sheet).
import type { SheetChooser } from '../runtime/workbook';
import type { Cell } from '../src/core/cells';
import { findHeaderRow } from '../src/core/columns';

export const firstInvoiceSheet: SheetChooser = (rows) => findHeaderRow(rows as Cell[][]) >= 0;
