// The bundle's entry: every export becomes a top-level function in dist/Code.js
// (build.mjs writes those stubs, with the JSDoc of each export). Nothing runs here.
export { AR_AGING, AR_BUCKET, AR_DAYS_OVERDUE } from './customFunctions';
export { insertAgingReport, onInstall, onOpen, showHelp } from './menu';
