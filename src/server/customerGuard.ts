import type { CalendarDay } from '../core/calendar';
import type { Cell } from '../core/cells';
import type { InvoiceTable } from '../core/invoices';
import { boundCustomerDates, typedHoldsNote, type SeenDates } from '../core/reminders/customerGuard';
import { customerKey, type CustomerSettings } from '../core/reminders/customerSettings';

/**
 * The Customers sheet's dates bounded (core/reminders/customerGuard.ts), with
 * the day each was first seen kept in the running person's user properties
 * for this spreadsheet (the schedule owner's when the trigger runs), and the
 * customers the sheet's cells keep from being reminded, for the owner.
 * A preview reads the record and writes nothing.
 */
const SEEN_KEY = (spreadsheetId: string) => `receivables.customerDates.${spreadsheetId}`;

function readSeen(spreadsheetId: string): SeenDates {
  try {
    const parsed = JSON.parse(PropertiesService.getUserProperties().getProperty(SEEN_KEY(spreadsheetId)) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SeenDates) : {};
  } catch {
    return {};
  }
}

export function guardCustomerSettings(
  spreadsheetId: string,
  read: { settings: Map<string, CustomerSettings>; problems: string[] },
  rows: readonly (readonly Cell[])[],
  context: { table: InvoiceTable; today: CalendarDay; maxDays: number; dryRun: boolean },
): { settings: Map<string, CustomerSettings>; problems: string[]; notes: string[] } {
  const previous = readSeen(spreadsheetId);
  const guarded = boundCustomerDates(read.settings, rows, previous, context.today, context.maxDays);
  if (!context.dryRun && JSON.stringify(guarded.seen) !== JSON.stringify(previous)) {
    const properties = PropertiesService.getUserProperties();
    if (Object.keys(guarded.seen).length) properties.setProperty(SEEN_KEY(spreadsheetId), JSON.stringify(guarded.seen));
    else properties.deleteProperty(SEEN_KEY(spreadsheetId));
  }
  const invoiced = new Set(context.table.customer.map((name) => customerKey(String(name))));
  const note = typedHoldsNote(guarded.settings, context.today, (key) => invoiced.has(key));
  return { settings: guarded.settings, problems: [...read.problems, ...guarded.problems], notes: note ? [note] : [] };
}
