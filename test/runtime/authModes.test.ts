// What Apps Script refuses in AuthMode.LIMITED (an add-on's onOpen or onEdit
// in a document where it is enabled: a simple trigger) and NONE (issue 24, item 5).
// Enum AuthMode (developers.google.com/apps-script/reference/script/auth-mode) and
// "Simple triggers", Restrictions (developers.google.com/apps-script/guides/triggers#restrictions).
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../../runtime/index';

function scripted(code: string) {
  const auth = 'https://www.googleapis.com/auth/';
  const oauthScopes = ['spreadsheets', 'script.container.ui', 'script.send_mail', 'script.scriptapp', 'userinfo.email'].map((scope) => auth + scope);
  const runtime = new AppsScriptRuntime({ oauthScopes }).load({ code });
  const spreadsheet = runtime.createSpreadsheet({ id: 'doc-1', timeZone: 'Europe/London' });
  spreadsheet.addSheet('Data', [['a', 1]]);
  runtime.createSpreadsheet({ id: 'doc-2', timeZone: 'Europe/London' });
  runtime.activeSpreadsheetId = 'doc-1';
  return runtime;
}

const attempt = (runtime: AppsScriptRuntime, call: string, mode: 'LIMITED' | 'NONE' | 'FULL') => {
  try {
    return runtime.run('f', [call], { mode, spreadsheetId: 'doc-1' });
  } catch (error) {
    return String(error);
  }
};

describe('AuthMode.LIMITED', () => {
  const runtime = scripted(`function f(call) { return String(eval(call)); }`);

  it('reads and writes the bound spreadsheet, adds menus, keeps document and user properties', () => {
    expect(attempt(runtime, `SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('B1').setValue(2).getValue()`, 'LIMITED')).toBe('2');
    expect(attempt(runtime, `SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(), 'menu'`, 'LIMITED')).toBe('menu');
    expect(attempt(runtime, `PropertiesService.getDocumentProperties().setProperty('k', 'v').getProperty('k')`, 'LIMITED')).toBe('v');
    expect(attempt(runtime, `Utilities.formatDate(new Date(0), 'UTC', 'yyyy')`, 'LIMITED')).toBe('1970');
  });

  it('refuses what needs authorization, with the scope it needs: mail, triggers, other files, the user', () => {
    for (const [call, scope] of [
      ['MailApp.getRemainingDailyQuota()', 'script.send_mail'],
      [`MailApp.sendEmail('a@example.com', 's', 'b')`, 'script.send_mail'],
      ['ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet())', 'script.scriptapp'],
      [`ScriptApp.newTrigger('f')`, 'script.scriptapp'],
      [`SpreadsheetApp.openById('doc-2')`, 'spreadsheets'],
      ['Session.getEffectiveUser()', 'userinfo.email'],
    ]) {
      const method = call.slice(0, call.indexOf('('));
      expect(attempt(runtime, call, 'LIMITED'), call).toBe(`Error: Exception: You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/${scope}`);
      expect(attempt(runtime, call, 'FULL'), call).not.toMatch(/permission/);
    }
    expect(runtime.limitedModeRefusals).toContain('MailApp.getRemainingDailyQuota');
  });

  it('AuthMode.NONE allows the menu only', () => {
    expect(attempt(runtime, `SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(), 'menu'`, 'NONE')).toBe('menu');
    expect(attempt(runtime, `SpreadsheetApp.getActiveSpreadsheet().getName()`, 'NONE')).toMatch(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet in AuthMode.NONE/);
    expect(attempt(runtime, `PropertiesService.getDocumentProperties()`, 'NONE')).toMatch(/in AuthMode.NONE/);
  });
});
