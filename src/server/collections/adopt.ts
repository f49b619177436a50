import { dayText, isoDate } from '../../core/calendar';
import type { CollectionsEntry } from '../../core/collections/sheet';
import { CHANNEL_NAMES, KIND_NAMES } from '../../core/reminders/kinds';
import type { Language } from '../../core/reminders/templates';
import { localeLanguage } from '../../core/locale';
import { menuMayRun, NEEDS } from '../permissions';
import { readScheduleOwner } from '../reminders/runState';
import { todayIn } from '../reminders/run';
import { settingsOf } from '../spreadsheetSettings';
import { markedEntries, nonceOf, readLedger, signRows, taskSecret, writeLedger } from './marks';
import { readCollectionsSheet } from './sheet';

const TITLE = 'Receivables';

/** The adopt alerts' words, in the spreadsheet's language (ru_RU: Russian); the channels named as the sidebar and the sheet name them. */
const WORDS = {
  en: {
    noMoreReminders: (customer: string) => `no more reminders to ${customer}`,
    document: (letter: boolean) => `a ${letter ? 'demand letter' : 'summary for the lawyer'} in your Drive`,
    promised: (day: string) => `no reminders until ${day}, then "${KIND_NAMES.en['promise-broken']}"`,
    disputed: (invoices: string) => `no reminders about ${invoices || 'its invoices'}`,
    keys: 'its Keys count as steps done',
    row: (row: number, step: string, customer: string) => `row ${row}: ${step} for ${customer}`,
    task: 'Task',
    onlyOwner: (owner: string) => `Only ${owner}, whose account sends the daily reminders, may adopt rows typed by hand in the Collections sheet.`,
    none: 'The Collections sheet has no rows typed by hand: every row there was written by the add-on.',
    more: (count: number) => `… and ${count} more.`,
    ask: (count: number, shown: string) => `${count} row(s) of the Collections sheet were typed by hand, and the add-on does not act on them. Adopted, they count as the add-on's own from the next run, from your account:\n\n${shown}\n\nAdopt them?`,
    adopted: (count: number) => `${count} row(s) adopted: the next run acts on them.`,
  },
  ru: {
    noMoreReminders: (customer: string) => `больше никаких напоминаний клиенту ${customer}`,
    document: (letter: boolean) => `${letter ? 'претензия' : 'сводка для юриста'} на вашем Google Диске`,
    promised: (day: string) => `без напоминаний до ${day}, затем «${KIND_NAMES.ru['promise-broken']}»`,
    disputed: (invoices: string) => `без напоминаний ${invoices ? `о счетах ${invoices}` : 'о его счетах'}`,
    keys: 'её ключи (Keys) считаются пройденными шагами',
    row: (row: number, step: string, customer: string) => `строка ${row}: ${step} — ${customer}`,
    task: 'Задача',
    onlyOwner: (owner: string) => `Принять строки, введённые вручную на листе Collections, может только ${owner}: с этого аккаунта отправляются ежедневные напоминания.`,
    none: 'На листе Collections нет строк, введённых вручную: все строки там записало дополнение.',
    more: (count: number) => `… и ещё ${count}.`,
    ask: (count: number, shown: string) => `Строк листа Collections, введённых вручную: ${count}; дополнение по ним не действует. Принятые, со следующего запуска они считаются строками дополнения и выполняются от вашего аккаунта:\n\n${shown}\n\nПринять их?`,
    adopted: (count: number) => `Принято строк: ${count}; следующий запуск выполнит их.`,
  },
} as const;

/** What adopting a row makes the add-on do, in the owner's words. */
function consequence(entry: CollectionsEntry, language: Language): string {
  const say = WORDS[language];
  const what = [
    entry.channel === 'legal' ? say.noMoreReminders(entry.customer) : '',
    (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document ? say.document(entry.channel === 'letter') : '',
    entry.outcome === 'promised' && entry.promiseDay !== null ? say.promised(dayText(entry.promiseDay, language)) : '',
    entry.outcome === 'disputed' ? say.disputed(entry.invoices.join(', ')) : '',
    entry.marks.length ? say.keys : '',
  ].filter(Boolean);
  return `${say.row(entry.row, entry.channel ? CHANNEL_NAMES[language][entry.channel] : say.task, entry.customer)}${what.length ? ` (${what.join('; ')})` : ''}`;
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
  const settings = settingsOf(spreadsheet);
  const language = localeLanguage(settings.locale);
  const say = WORDS[language];
  if (owner && owner !== me) {
    ui.alert(TITLE, say.onlyOwner(owner), ui.ButtonSet.OK);
    return;
  }
  const state = readCollectionsSheet(spreadsheet, settings);
  const { handTyped } = markedEntries(state.entries, spreadsheet.getId(), taskSecret(false));
  if (!state.sheet || handTyped.length === 0) {
    ui.alert(TITLE, say.none, ui.ButtonSet.OK);
    return;
  }
  const shown = handTyped.slice(0, 15).map((entry) => consequence(entry, language)).join('\n');
  const more = handTyped.length > 15 ? `\n${say.more(handTyped.length - 15)}` : '';
  const answer = ui.alert(TITLE, say.ask(handTyped.length, `${shown}${more}`), ui.ButtonSet.YES_NO);
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
  ui.alert(TITLE, say.adopted(written.size), ui.ButtonSet.OK);
}
