// npm run bench: every benchmark, each reporting against a baseline measured in the same run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAging } from './aging';
import { benchForecastAccuracy } from './forecastAccuracy';
import { benchForecastRange } from './forecastRange';
import { benchLearningCadence } from './learningCadence';
import { benchPaymentMatching } from './paymentMatching';
import { benchQrPayments } from './qrPayments';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
if (!only || only === 'aging') benchAging(join(root, 'dist'));
if (!only || only === 'accuracy') benchForecastAccuracy(join(root, '../shared/data/ar-invoices-train.csv'));
if (!only || only === 'range') benchForecastRange(join(root, '../shared/data/ar-invoices-train.csv'));
if (!only || only === 'payments') benchPaymentMatching(join(root, '../shared/data/ar-invoices-train.csv'));
if (!only || only === 'payments' || only === 'qr') benchQrPayments(join(root, '../shared/data/ar-invoices-train.csv'));
// Exits non-zero when the learning cadence sends more reminders or gets paid later than the fixed one (issue 27, item 5).
if ((!only || only === 'learning') && !benchLearningCadence()) process.exitCode = 1;
