import { isoDate } from '../../core/calendar';
import { readCollections, TASK_ID_HEADER, type CollectionsEntry } from '../../core/collections/sheet';
import type { Cell } from '../../core/cells';
import { menuMayRun, NEEDS } from '../permissions';
import { readScheduleOwner } from '../reminders/runState';
import { todayIn } from '../reminders/run';
import { readGrid, writeByPlan, type CellWrite } from '../safeWrite';
import { settingsOf } from '../spreadsheetSettings';
import { markedEntries, newTaskId, nonceOf, readLedger, taskSecret, writeLedger } from './marks';
import { readCollectionsSheet } from './sheet';

const TITLE = 'Receivables';
const STEP = { call: 'Call', letter: 'Letter', legal: 'Legal hand-over' } as const;

/** What adopting a row makes the add-on do, in the owner's words. */
function consequence(entry: CollectionsEntry): string {
  const what = [
    entry.channel === 'legal' ? `no more reminders to ${entry.customer}` : '',
    (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document ? `a ${entry.channel === 'letter' ? 'demand letter' : "summary for the lawyer"} in your Drive` : '',
    entry.outcome === 'promised' && entry.promiseDay !== null ? `no reminders until ${isoDate(entry.promiseDay)}, then "promise broken"` : '',
    entry.outcome === 'disputed' ? `no reminders about ${entry.invoices.join(', ') || 'its invoices'}` : '',
    entry.marks.length ? `its Keys count as steps done` : '',
  ].filter(Boolean);
  return `row ${entry.row}: ${entry.channel ? STEP[entry.channel] : 'Task'} for ${entry.customer}${what.length ? ` (${what.join('; ')})` : ''}`;
}

/** The facts a row is signed over, to find it again in a fresh read. */
const identity = (entry: CollectionsEntry) => [entry.customer, entry.currency, entry.channel ?? '', entry.keysText, entry.taskId].join('\u0000');

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
  const confirmed = new Map(handTyped.map((entry) => [identity(entry), entry]));
  // By row identity, the latest plan's: a plan made again (rows moved meanwhile) replaces the ids of the one before.
  const adopted = new Map<string, { id: string; owed: boolean }>();
  writeByPlan(state.sheet, (values) => {
    const header = (values[0] ?? []).map((cell) => String(cell ?? '').trim());
    let column = header.indexOf(TASK_ID_HEADER);
    const writes: CellWrite[] = [];
    if (column < 0) {
      column = header.length;
      writes.push({ row: 1, column: column + 1, values: [[TASK_ID_HEADER]] });
    }
    // Found again by their content in a fresh read: a person may have sorted or inserted rows since the question.
    const fresh = readCollections(values as Cell[][], settings).entries;
    const still = markedEntries(fresh, spreadsheet.getId(), secret).handTyped.filter((entry) => confirmed.has(identity(entry)));
    for (const entry of still) {
      const id = newTaskId(secret, spreadsheet.getId(), today, entry);
      writes.push({ row: entry.row, column: column + 1, values: [[id]] });
      adopted.set(identity(entry), { id, owed: (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document });
    }
    return still.length ? writes : [];
  }, readGrid(state.sheet));
  const owed = [...adopted.values()].filter((row) => row.owed).map((row) => nonceOf(row.id));
  if (owed.length) {
    const ledger = readLedger(spreadsheet.getId(), isoDate(today));
    ledger.pending.push(...owed);
    writeLedger(spreadsheet.getId(), ledger);
  }
  ui.alert(TITLE, `${adopted.size} row(s) adopted: the next run acts on them.`, ui.ButtonSet.OK);
}
