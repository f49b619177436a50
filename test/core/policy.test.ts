import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, POLICY_VERSION, defaultPolicy, readStoredPolicy, senderProblems, storePolicy, validatePolicy } from '../../src/core/reminders/policy';

describe('defaultPolicy', () => {
  it('works with no setup: 30 days terms, reminders 7 and 1 days before, on, and 7, 14, 30 days after the due date', () => {
    const policy = defaultPolicy();
    expect(policy.termsDays).toBe(30);
    expect(policy.steps.map((step) => [step.offsetDays, step.template])).toEqual([
      [-7, 'upcoming'],
      [-1, 'upcoming'],
      [0, 'due-today'],
      [7, 'overdue'],
      [14, 'firm'],
      [30, 'final'],
    ]);
    expect(policy.sendHour).toBe(9);
    expect(policy.skipWeekends).toBe(true);
    expect(DEFAULT_STEPS).toHaveLength(6);
  });
});

describe('validatePolicy', () => {
  it('names each field that is wrong, and what is wrong with it', () => {
    const result = validatePolicy({
      ...defaultPolicy(),
      termsDays: 30.5,
      sendHour: 24,
      senderName: 'Acme\r\nBcc: everyone@example.com',
      replyTo: 'not an address',
      cc: 'a@example.com, b@',
      steps: [
        { offsetDays: 7, template: 'overdue' },
        { offsetDays: 7, template: 'angry' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: 'termsDays', message: 'must be a whole number of days' },
      { field: 'sendHour', message: 'must be an hour from 0 to 23' },
      { field: 'senderName', message: 'cannot contain a line break' },
      { field: 'replyTo', message: 'must be an email address' },
      { field: 'cc', message: 'must be email addresses separated by commas or semicolons' },
      { field: 'steps.1.template', message: 'must be one of upcoming, due-today, overdue, firm, final' },
    ]);
  });

  it('takes copies separated by commas or semicolons, as people write them, and stores them separated by commas', () => {
    const result = validatePolicy({ version: POLICY_VERSION, cc: 'a@example.com; b@example.com,c@example.com', amountRules: [{ minimumBalance: 1, cc: 'm@example.com;' }] });
    expect(result.ok && [result.policy.cc, result.policy.amountRules[0].cc]).toEqual(['a@example.com, b@example.com, c@example.com', 'm@example.com']);
    expect(validatePolicy({ version: POLICY_VERSION, cc: 'a@example.com; nobody' }).ok).toBe(false);
  });

  it('refuses two steps on the same day', () => {
    const result = validatePolicy({ ...defaultPolicy(), steps: [{ offsetDays: 7, template: 'overdue' }, { offsetDays: 7, template: 'firm' }] });
    expect(result).toEqual({ ok: false, problems: [{ field: 'steps', message: 'cannot have two steps on the same day' }] });
  });
});

describe('stored policies', () => {
  it('round-trips', () => {
    const policy = { ...defaultPolicy(), termsDays: 45 };
    expect(readStoredPolicy(storePolicy(policy, 'policy'))).toEqual({ ok: true, policy });
  });

  it('never turns a damaged, emptied or unreadable value into the defaults', () => {
    const refused = (stored: string | null) => {
      const result = readStoredPolicy(stored);
      return result.ok ? 'read' : result.problems.map((problem) => `${problem.field} ${problem.message}`.trim()).join('; ');
    };
    expect(refused(null)).toBe('the stored policy is empty');
    expect(refused('')).toBe('the stored policy is empty');
    expect(refused('{}')).toBe('the stored policy is empty');
    expect(refused('"x"')).toBe('the stored policy is not an object ("x")');
    expect(refused('42')).toBe('the stored policy is not an object (42)');
    expect(refused('[]')).toBe('the stored policy is not an object ([])');
    expect(refused('null')).toBe('the stored policy is not an object (null)');
    expect(refused(JSON.stringify({ version: 1.5 }))).toBe('version is not a version of the policy (1.5)');
    expect(refused(JSON.stringify({ version: '1' }))).toBe('version is not a version of the policy ("1")');
    expect(refused(JSON.stringify({ version: null }))).toBe('version is not a version of the policy (null)');
    expect(refused(JSON.stringify({ version: -1 }))).toBe('version is not a version of the policy (-1)');
    expect(refused(JSON.stringify({ version: 1, termsDays: '30' }))).toBe('termsDays must be a number of days');
    // JSON stores Infinity as null: a policy that held it is refused, never read as the default.
    expect(refused(JSON.stringify({ version: 1, minimumBalance: Infinity }))).toBe('minimumBalance must be an amount');
  });

  it('keeps every number finite and in its range', () => {
    const problems = (policy: Record<string, unknown>) => {
      const result = validatePolicy({ version: POLICY_VERSION, ...policy });
      return result.ok ? [] : result.problems.map((problem) => `${problem.field} ${problem.message}`);
    };
    expect(problems({ minimumBalance: Infinity })).toEqual(['minimumBalance must be a finite amount']);
    expect(problems({ minimumBalance: 1e309 })).toEqual(['minimumBalance must be a finite amount']);
    expect(problems({ minimumBalance: Number.NaN })).toEqual(['minimumBalance must be an amount']);
    expect(problems({ minimumBalance: 2e9 })).toEqual(['minimumBalance must be at most 1000000000']);
    expect(problems({ yearlyInterestPercent: -Infinity })).toEqual(['yearlyInterestPercent must be a finite number']);
    expect(problems({ sendHour: Infinity })).toEqual(['sendHour must be an hour from 0 to 23']);
    expect(problems({ termsDays: Infinity })).toEqual(['termsDays must be a whole number of days']);
    expect(problems({ steps: [{ offsetDays: 7, template: 'overdue', lateFee: Infinity }] })).toEqual(['steps.0.lateFee must be a finite amount']);
    expect(problems({ amountRules: [{ minimumBalance: -Infinity }] })).toEqual(['amountRules.0.minimumBalance must be a finite amount']);
  });

  it('migrates the unversioned shape of early drafts', () => {
    const result = readStoredPolicy(JSON.stringify({ termsDays: 14, reminderDays: [-3, 0, 10, 45] }));
    expect(result.ok && result.policy.steps.map((step) => [step.offsetDays, step.template])).toEqual([
      [-3, 'upcoming'],
      [0, 'due-today'],
      [10, 'overdue'],
      [45, 'final'],
    ]);
    expect(result.ok && result.policy.termsDays).toBe(14);
  });

  it('migrates version 1: every stored step, and every extra step of an amount rule, becomes an email step', () => {
    const stored = { version: 1, termsDays: 20, steps: [{ offsetDays: 7, template: 'overdue', lateFee: 5 }], amountRules: [{ minimumBalance: 100, extraSteps: [{ offsetDays: 40, template: 'final' }] }] };
    const result = readStoredPolicy(JSON.stringify(stored));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.version).toBe(POLICY_VERSION);
    expect(result.policy.termsDays).toBe(20);
    expect(result.policy.steps).toEqual([{ offsetDays: 7, template: 'overdue', lateFee: 5, channel: 'email' }]);
    expect(result.policy.amountRules[0].extraSteps).toEqual([{ offsetDays: 40, template: 'final', lateFee: 0, channel: 'email' }]);
    expect(result.policy.collections).toEqual(defaultPolicy().collections);
  });

  it('takes a channel per step and refuses one it does not know', () => {
    const steps = [{ offsetDays: 14, template: 'firm', channel: 'call' }, { offsetDays: 30, template: 'final', channel: 'letter' }, { offsetDays: 60, template: 'final', channel: 'legal' }];
    const result = validatePolicy({ ...defaultPolicy(), steps });
    expect(result.ok && result.policy.steps.map((step) => step.channel)).toEqual(['call', 'letter', 'legal']);
    expect(validatePolicy({ ...defaultPolicy(), steps: [{ offsetDays: 14, template: 'firm', channel: 'fax' }] })).toEqual({
      ok: false,
      problems: [{ field: 'steps.0.channel', message: 'must be one of email, call, letter, legal' }],
    });
  });

  it('migrates a version 2 policy: signed with its sender name, three days between reminders', () => {
    const result = readStoredPolicy(JSON.stringify({ version: 2, senderName: 'Ann of Seller Ltd', paymentDetails: 'IBAN X' }));
    expect(result.ok && [result.policy.version, result.policy.signature, result.policy.minimumGapDays, result.policy.paymentDetails]).toEqual([4, 'Ann of Seller Ltd', 3, 'IBAN X']);
    expect(validatePolicy({ ...defaultPolicy(), minimumGapDays: 0 })).toEqual({ ok: false, problems: [{ field: 'minimumGapDays', message: 'must be 1 or more' }] });
  });

  it('names each empty sender field that stops reminders from going out', () => {
    expect(senderProblems(defaultPolicy()).map((problem) => problem.field)).toEqual(['senderName', 'replyTo', 'signature', 'paymentDetails']);
    expect(senderProblems({ ...defaultPolicy(), senderName: 'Ann', replyTo: 'ar@example.com', signature: 'Ann', paymentDetails: ' ' })).toEqual([
      { field: 'paymentDetails', message: 'Payment details is empty: fill it in (Settings › Reminders) before reminders can be sent' },
    ]);
  });

  it('says what is wrong with a stored value it cannot use', () => {
    expect(readStoredPolicy('{')).toEqual({ ok: false, problems: [{ field: '', message: 'the stored policy is not valid JSON' }] });
    expect(readStoredPolicy(JSON.stringify({ version: 9 }))).toEqual({ ok: false, problems: [{ field: 'version', message: 'was saved by a newer version of the add-on (9)' }] });
  });

  it('refuses to store more than a document property holds', () => {
    const policy = { ...defaultPolicy(), paymentDetails: 'Я'.repeat(1000) };
    const extraSteps = DEFAULT_STEPS.map((step) => ({ ...step }));
    expect(() => storePolicy({ ...policy, amountRules: Array.from({ length: 10 }, () => ({ minimumBalance: 1, extraSteps, cc: `${'x'.repeat(480)}@example.com` })) }, 'policy')).toThrow(
      /^the policy takes \d+ bytes; a document property holds at most 9216$/,
    );
  });
});
