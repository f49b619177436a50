// What the collections tests share: the invoice sheet's header, a cadence that
// reaches a call, a letter and a hand-over, and the day a run happens on.
import { zonedInstant } from '../../runtime/index';
import type { Addon } from './addon';

export const ZONE = 'Europe/London';
export const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email'];
/** Email, then a call, a letter and the legal hand-over. */
export const COLLECTION_STEPS = [
  { offsetDays: 7, template: 'overdue', channel: 'email' },
  { offsetDays: 14, template: 'firm', channel: 'call' },
  { offsetDays: 30, template: 'final', channel: 'letter' },
  { offsetDays: 60, template: 'final', channel: 'legal' },
];

/** Sets the clock to 10:00 of an ISO day in ZONE, after the default send hour. */
export function setDay(addon: Addon, iso: string): void {
  const [y, m, d] = iso.split('-').map(Number);
  addon.runtime.setNow(zonedInstant(ZONE, y, m, d, 10));
}

export const isoPlus = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);
