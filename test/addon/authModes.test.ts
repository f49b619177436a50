// The add-on in the modes Google runs its simple trigger in (issue 24, item 5):
// onOpen in AuthMode.LIMITED (the add-on enabled in the document) and NONE
// builds its menu without a call the platform refuses there, and a menu
// action run there is refused as Google refuses it.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/London';

function scheduledWorkbook() {
  const addon = loadAddon({ timeZone: ZONE });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 9, 9));
  addon.spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Invoice No', 'Due date', 'Amount', 'Email'], ['Acme', 'A-1', '2026-03-01', 100, 'ap@acme.example.com']], ZONE));
  savePolicy(addon);
  addon.runtime.run('turnOnReminders');
  // Three days without a run: the menu has a warning to show.
  addon.runtime.scriptApp.triggers.splice(0);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 12, 9));
  return addon;
}

describe('onOpen', () => {
  it('in AuthMode.LIMITED reads only the bound spreadsheet and its properties: nothing refused, the warning shown', () => {
    const addon = scheduledWorkbook();
    addon.runtime.run('onOpen', [{ authMode: 'LIMITED' }], { mode: 'LIMITED' });
    expect(addon.runtime.limitedModeRefusals).toEqual([]);
    expect(addon.runtime.ui.menus.at(-1)!.items[0]).toEqual({ caption: '⚠ Daily reminders have stopped: Check setup', functionName: 'checkSetup' });
  });

  it('in AuthMode.NONE adds the menu and touches nothing else', () => {
    const addon = scheduledWorkbook();
    addon.runtime.run('onOpen', [{ authMode: 'NONE' }], { mode: 'NONE' });
    expect(addon.runtime.ui.menus.at(-1)!.items[0]).toEqual({ caption: 'Insert receivables dashboard', functionName: 'insertDashboard' });
  });
});

describe('a menu action in AuthMode.LIMITED', () => {
  it('is refused where it needs authorization, as Google refuses it: Check setup cannot read the mail quota there', () => {
    const addon = loadAddon({ timeZone: ZONE });
    expect(() => addon.runtime.run('checkSetup', [], { mode: 'LIMITED' })).toThrow(
      'Exception: You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(addon.runtime.limitedModeRefusals).toEqual(['MailApp.getRemainingDailyQuota']);
    // From the menu (FULL) it runs.
    expect(() => addon.runtime.run('checkSetup')).not.toThrow();
  });
});
