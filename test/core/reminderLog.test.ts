import { describe, expect, it } from 'vitest';
import { lastReminderDays, parseStepName, readLog, stepName } from '../../src/core/reminders/log';
import type { Step } from '../../src/core/reminders/policy';

const step = (offsetDays: number): { step: Step } => ({ step: { offsetDays, template: 'final', lateFee: 0, channel: 'email' } });

describe('the Reminder log', () => {
  it("names the step as a bookkeeper would, in the spreadsheet's language, and reads it back", () => {
    const draft = { kind: 'final' as const, lines: [step(-7), step(0), step(30)] };
    expect(stepName(draft, 'en')).toBe('Final notice (7 days before the due date; on the due date; 30 days after the due date)');
    expect(stepName(draft, 'ru')).toBe('Последнее уведомление (за 7 дн. до срока; в день срока; через 30 дн. после срока)');
    expect(stepName({ kind: 'overdue', lines: [step(1)] }, 'en')).toBe('Overdue reminder (1 day after the due date)');
    for (const language of ['en', 'ru'] as const) expect(parseStepName(stepName(draft, language))).toEqual({ kind: 'final', offsets: [-7, 0, 30] });
    expect(parseStepName(stepName({ kind: 'promise-broken', lines: [] }, 'ru'))).toEqual({ kind: 'promise-broken', offsets: [] });
    expect(parseStepName('final (+30 days)')).toBeNull();
  });

  it("finds each customer's last reminder day from what went out (or may have), whatever the name's case", () => {
    const at = (iso: string) => new Date(`${iso}T23:30:00Z`);
    const row = (time: Date, customer: string, status: string) => [time, customer, 'a@example.com', 'A-1', 'x', status, '', 'run', '[]'];
    const entries = readLog([row(at('2026-03-09'), 'Acme', 'sent'), row(at('2026-03-10'), 'ACME ', 'error'), row(at('2026-03-08'), "'=Globex", 'unconfirmed')]);
    // 23:30 UTC is the next day in Moscow: the day is the spreadsheet's.
    const moscowDay = (ms: number) => Math.floor((ms + 3 * 3600_000) / 864e5);
    const days = lastReminderDays(entries, moscowDay);
    expect([...days]).toEqual([
      ['acme', Date.UTC(2026, 2, 10) / 864e5],
      ['=globex', Date.UTC(2026, 2, 9) / 864e5],
    ]);
  });
});
