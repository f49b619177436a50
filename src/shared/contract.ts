// What the sidebar page and the Apps Script side say to each other over
// google.script.run. Types only: the client imports them, the server
// implements them. Dates travel as ISO strings (google.script.run passes no Date).
import type { Field } from '../core/columns';
import type { MessageKind } from '../core/reminders/cadence';
import type { Channel, TemplateKind } from '../core/reminders/kinds';
import type { Policy, PolicyProblem } from '../core/reminders/policy';
import type { HoldReason } from '../core/collections/credit';
import type { Language, Template } from '../core/reminders/templates';
import type { Payee } from '../core/paying/payeeRules';
import type { LearnedReason } from '../core/learning/learning';

export type { Field, Language, MessageKind, Policy, PolicyProblem, Template };

export type SaveResult = { ok: true } | { ok: false; problems: PolicyProblem[] };

/** How the invoice table was read: which header each field came from, and the first rows. */
export interface ColumnsView {
  sheet: string;
  headers: string[];
  fields: Array<{ field: Field; header: string }>;
  /** The first rows as read: customer, invoice date, due date, amount, paid, currency (ISO dates, amounts in units). */
  sample: string[][];
  problems: string[];
}

/** One row of the Customers sheet, as text; dates as ISO. */
export interface CustomerRow {
  customer: string;
  email: string;
  language: string;
  doNotRemind: boolean;
  pausedUntil: string;
  promiseBy: string;
  disputed: boolean;
  ownSteps: string;
  plan: string;
  /** Who collects from the customer, as the Customers sheet's Manager column has it (issue 27); absent: left as it is on save. */
  manager?: string;
  /** The invoice table's Manager for the customer, shown and filtered by where the Customers sheet names none; never saved. */
  tableManager?: string;
}

export interface ScheduleView {
  on: boolean;
  owner: string;
  youOwnIt: boolean;
  lastRunAt: string;
  sentLastRun: number;
  lastError: string;
  /** The schedule is on but has not run for more than a day (or the last run found it had not): what to do; else "". */
  warning: string;
  /** Recipients left today; -1 when the person has not allowed the add-on to send email. */
  quotaLeft: number;
  /** A sentence saying what to allow, when the person granted only some of the add-on's scopes; else "". */
  permission: string;
  /** Why the daily reminders are held (settings their owner did not approve, or damaged); "" when they are not. */
  held: string;
}

/** Who may change the settings, and whether the stored ones can be used. */
export interface SettingsStatus {
  /** The schedule's owner when it is someone else: the settings are read-only for you; "" when you may change them. */
  lockedBy: string;
  /** Why the stored settings cannot be used ("" when they can): the page shows the last good copy or the defaults to restore. */
  damaged: string;
  /** Whether a last good copy exists (what the page shows when damaged); else the defaults are shown. */
  hasLastGood: boolean;
  /** When damaged: the last good copy is exactly what you approved (restoring it approves it in the same click). */
  lastGoodApproved: boolean;
  /** The stored settings are not the ones you approved: your account sends nothing (the schedule's run is held) until you approve. */
  unapproved: boolean;
  /** The fingerprint of the stored settings the page shows, for approving exactly these. */
  fingerprint: string;
  /** When unapproved or damaged: the copy you approved, if it is still kept (to show what changed and to restore it); else null. */
  approved: { policy: Policy; templates: Record<MessageKind, Record<Language, Template>> } | null;
}

export interface SidebarState {
  /** From the user's locale: Russian when it is Russian, else English. */
  locale: Language;
  /** The currency the spreadsheet's locale implies (ru_RU RUB, en_US USD), shown when the policy names none. */
  localeCurrency: string;
  policy: Policy;
  /** Every kind and language, the user's where saved, else the default. */
  templates: Record<MessageKind, Record<Language, Template>>;
  columns: ColumnsView | null;
  customers: CustomerRow[];
  schedule: ScheduleView;
  settings: SettingsStatus;
  /** The latest lines of the Reminder log: time, customer, address, step, status, error. */
  log: string[][];
  /** Collections: customers on credit hold (with why), and those a call found the contact wrong for. */
  collections: CollectionsView;
  /** Payment details: a block per currency of the invoice table (and any other the policy keeps), every field, empty ones "". */
  payees: PayeeBlock[];
  team: TeamView;
}

/** One currency's payment details as the sidebar shows them: the fields that currency uses, in order. */
export interface PayeeBlock {
  currency: string;
  fields: Array<keyof Payee>;
  payee: Payee;
  /** False for a currency the policy keeps details for but the table no longer has. */
  inTable: boolean;
}

/** The sidebar's Team section: each manager a Manager column names, with the morning digest as the person looking set it (issue 27). */
export interface TeamView {
  /** The person looking: a digest may go to their address or to the manager's own. */
  me: string;
  managers: Array<{ manager: string; customers: number; on: boolean; address: string; language: Language; addresses: string[] }>;
}

export interface CollectionsView {
  onHold: Array<{ customer: string; currency: string; reasons: HoldReason[] }>;
  /** The policy's "overdue more than N days" hold. */
  overdueDays: number;
  wrongContact: string[];
  /** The Collections sheet's rows typed by hand (no valid mark of the add-on), which no run acts on. */
  handTyped: number[];
  /** Each customer's manager from the invoice table's Manager column, by the customer's key (the Customers sheet's wins). */
  tableManagers?: Record<string, string>;
}

/** Where a customer stands on the cadence's overdue steps, and why: what the preview says of each reminder. */
export interface StageView {
  /** Overdue steps climbed with this reminder (0: nothing overdue yet), of how many the cadence has. */
  rung: number;
  of: number;
  /** The reminder's kind (as firm as the stage, never softer). */
  kind: MessageKind;
  /** The next step up, and the first day it may come (ISO); null at the last. */
  next: { kind: TemplateKind; channel: Channel; day: string } | null;
  /** The debt's age alone reached a later step: this one is earned first. */
  capped: boolean;
  /** Kept at the stage the customer stands at, though today's invoices reached only an earlier step. */
  held: boolean;
}

export interface PreviewView {
  day: string;
  stopped: string;
  reminders: Array<{ customer: string; to: string; subject: string; invoices: string; status: string; stage: StageView; /** The payment QR code the email carries (its amount and purpose), or why it has none. */ payment?: { ok: boolean; detail: string }; learned?: LearnedReason }>;
  /** Each customer whose cadence learned from their paying, and why (issue 27, item 4); empty while learning is off. */
  learned?: Array<{ customer: string; reason: LearnedReason }>;
}

export interface RenderedTemplate {
  customer: string;
  subject: string;
  html: string;
}

/** The server functions the sidebar calls. */
export interface SidebarApi {
  sidebarLoad(): SidebarState;
  sidebarSavePolicy(policy: unknown): SaveResult;
  sidebarSaveTemplates(templates: unknown): SaveResult;
  sidebarRenderTemplate(kind: MessageKind, language: Language, template: Template): RenderedTemplate;
  sidebarPreview(): PreviewView;
  sidebarSendTest(): string;
  sidebarSaveCustomer(row: CustomerRow): SaveResult;
  sidebarSaveDigests(entries: TeamView['managers']): SaveResult;
  sidebarSetSchedule(on: boolean): { ok: boolean; message: string; schedule: ScheduleView };
  /** Opens the dialog in which a bank statement file is chosen. */
  showImportStatement(): void;
  /** "Apply matches" and "Undo last apply": what was done, in a sentence. */
  sidebarApplyPayments(): string;
  sidebarUndoPayments(): string;
  /** The schedule's owner approves the stored settings with this fingerprint (the ones the page showed). */
  sidebarApproveSettings(fingerprint: string): SaveResult;
  /** Replaces damaged stored settings with the last good copy or the defaults. */
  sidebarRestoreSettings(choice: 'last-good' | 'defaults'): SaveResult;
  /** The schedule's owner restores the settings they last approved, when that copy is kept. */
  sidebarRestoreApproved(): SaveResult;
}
