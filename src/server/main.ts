// The bundle's entry: every export becomes a top-level function in dist/Code.js
// (build.mjs writes those stubs, with the JSDoc of each export). Nothing runs here.
export { AR_AGING, AR_BUCKET, AR_DAYS_OVERDUE, AR_LATE_FEE } from './customFunctions';
export { AR_ADD, AR_BEST_DSO, AR_CEI, AR_CUSTOMERS, AR_DSO, AR_EXPECTED_DATE, AR_FORECAST } from './forecastFunctions';
export { AR_CHART_DATA } from './chartFunctions';
export { AR_CASHFLOW, AR_COLLECT_FIRST } from './cashFunctions';
export { AR_DSO_TREND, AR_EFFECTIVENESS } from './effectivenessFunctions';
export { AR_CREDIT_STATUS } from './collections/creditStatus';
export { adoptCollectionsRows } from './collections/adopt';
export { acceptReminderLog } from './reminders/logSeal';
export { insertDashboard, onInstall, onOpen, showHelp } from './menu';
export { getReminderStatus, previewReminders, runScheduledReminders, sendDueReminders, sendTestReminder, turnOffReminders, turnOnReminders } from './reminders/entryPoints';
export { openSettings, sidebarApproveSettings, sidebarLoad, sidebarPreview, sidebarRenderTemplate, sidebarRestoreApproved, sidebarRestoreSettings, sidebarSaveCustomer, sidebarSavePolicy, sidebarSaveTemplates, sidebarSendTest, sidebarSetSchedule, sidebarSaveDigests } from './sidebar';
export { AR_MATCH } from './payments/matchFunction';
export { applyPaymentMatches, importBankStatement, showImportStatement, sidebarApplyPayments, sidebarUndoPayments, undoLastPaymentApply } from './payments/entryPoints';
export { AR_SETUP_DATE, checkSetup } from './checkSetup';
