import { isoDate } from '../../core/calendar';
import type { CollectionsEntry } from '../../core/collections/sheet';
import { CHANNEL_NAMES } from '../../core/reminders/kinds';
import { menuMayRun, NEEDS } from '../permissions';
import { readScheduleOwner } from '../reminders/runState';
import { todayIn } from '../reminders/run';
import { settingsOf } from '../spreadsheetSettings';
import { markedEntries, nonceOf, readLedger, signRows, taskSecret, writeLedger } from './marks';
import { readCollectionsSheet } from './sheet';

const TITLE = 'Receivables';

/** What adopting a row makes the add-on do, in the owner's words. */
function consequence(entry: CollectionsEntry): string {
  const what = [
    entry.channel === 'legal' ? `no more reminders to ${entry.customer}` : '',
    (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document ? `a ${entry.channel === 'letter' ? 'demand letter' : "summary for the lawyer"} in your Drive` : '',
    entry.outcome === 'promised' && entry.promiseDay !== null ? `no reminders until ${isoDate(entry.promiseDay)}, then "promise broken"` : '',
    entry.outcome === 'disputed' ? `no reminders about ${entry.invoices.join(', ') || 'its invoices'}` : '',
    entry.marks.length ? `its Keys count as steps done` : '',
  ].filter(Boolean);
  return `row ${entry.row}: ${entry.channel ? CHANNEL_NAMES.en[entry.channel] : 'Task'} for ${entry.customer}${what.length ? ` (${what.join('; ')})` : ''}`;
}

/**
 * Menu: the schedule's owner looks at the Collections rows typed by hand
 * (which the add-on does not act on), sees what each would make the add-on
 * do, and adopts them: each gets the add-on's mark, signed with the owner's
 * secret, and from the next run counts as the add-on's own. Only the
 * schedule's owner may (with no schedule, the person whose account runs
 * the reminders from the menu, for those runs).
 */
export function adoptCollectionsRows(): void {
  if (!menuMayRun('adopt rows typed in the Collections sheet', NEEDS.sidebar)) return;
  const ui = SpreadsheetApp.getUi();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const me = Session.getEffectiveUser().getEmail();
  const owner = readScheduleOwner(spreadsheet);
  if (owner && owner !== me) {
    ui.alert(TITLE, `Only ${owner}, whose account sends the daily reminders, may adopt rows typed by hand in the Collections sheet.`, ui.ButtonSet.OK);
    return;
  }
  const settings = settingsOf(spreadsheet);
  const state = readCollectionsSheet(spreadsheet, settings);
  const { handTyped } = markedEntries(state.entries, spreadsheet.getId(), taskSecret(false));
  if (!state.sheet || handTyped.length === 0) {
    ui.alert(TITLE, 'The Collections sheet has no rows typed by hand: every row there was written by the add-on.', ui.ButtonSet.OK);
    return;
  }
  const shown = handTyped.slice(0, 15).map(consequence).join('\n');
  const more = handTyped.length > 15 ? `\n… and ${handTyped.length - 15} more.` : '';
  const answer = ui.alert(
    TITLE,
    `${handTyped.length} row(s) of the Collections sheet were typed by hand, and the add-on does not act on them. Adopted, they count as the add-on's own from the next run, from your account:\n\n${shown}${more}\n\nAdopt them?`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;

  const secret = taskSecret(true) as string;
  const today = todayIn(settings.timeZone);
  const written = signRows(state.sheet, settings, spreadsheet.getId(), secret, handTyped, () => today);
  // An adopted letter or hand-over whose Document is empty is owed its document, made once by the next run.
  const owed = [...written].filter(([entry]) => (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document).map(([, id]) => nonceOf(id));
  if (owed.length) {
    const ledger = readLedger(spreadsheet.getId(), isoDate(today));
    ledger.pending.push(...owed);
    writeLedger(spreadsheet.getId(), ledger);
  }
  ui.alert(TITLE, `${written.size} row(s) adopted: the next run acts on them.`, ui.ButtonSet.OK);
}
