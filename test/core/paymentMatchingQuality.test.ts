// The matcher on statements generated from real receivables history
// (../shared/data): the goals `npm run bench` reports, held as a test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePaymentMatching } from '../../bench/paymentMatching';
import { hasSharedData, sharedInvoicesCsv } from '../support/addon';

describe.skipIf(!hasSharedData)('payment matching on statements built from ../shared/data/ar-invoices-train.csv', () => {
  it('matches at least 95% of payments that name their invoices to them, and no "exact" match is wrong', () => {
    const quality = evaluatePaymentMatching(readFileSync(sharedInvoicesCsv, 'utf8'));
    expect(quality.named).toBeGreaterThan(1000);
    expect(quality.namedMatched / quality.named).toBeGreaterThanOrEqual(0.95);
    expect(quality.exactCount).toBeGreaterThan(500);
    expect(quality.exactWrong).toBe(0);
    expect(quality.overAllocations).toBe(0);
    // Every scenario the statements carry is there.
    expect([...quality.byScenario.keys()].sort()).toEqual(['amount only', 'other payer', 'partial', 'reference', 'second currency', 'three by amount', 'three invoices', 'typo']);
  });
});
