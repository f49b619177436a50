// The advanced Drive service in the runtime (issue 24, item 6): its API may be
// off in the script's standard Cloud project ("Advanced Google services", step 2:
// enabled by hand there), and then every call fails as Google fails it.
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../../runtime/index';

const CODE = `
  function save(name) { return Drive.Files.create({ name: name, mimeType: 'application/pdf' }, Utilities.newBlob('%PDF-1.4', 'application/pdf', name)).id; }
  function listMine(size) { return (Drive.Files.list({ pageSize: size, fields: 'files(id)' }).files || []).map(function (file) { return file.id; }); }`;

function drive(options: ConstructorParameters<typeof AppsScriptRuntime>[0] = {}): AppsScriptRuntime {
  const runtime = new AppsScriptRuntime({ advancedServices: ['Drive'], oauthScopes: ['https://www.googleapis.com/auth/drive.file'], ...options }).load({ code: CODE });
  runtime.createSpreadsheet({ id: 'doc-1' });
  return runtime;
}

describe('the advanced Drive service', () => {
  it('fails every call with Google\'s accessNotConfigured error, naming the Cloud project, while the Drive API is off', () => {
    const runtime = drive();
    runtime.drive.apiEnabled = false;
    runtime.drive.cloudProjectNumber = '861234567890';
    const expected =
      'GoogleJsonResponseException: API call to drive.files.create failed with error: Google Drive API has not been used in project 861234567890 before or it is disabled. ' +
      'Enable it by visiting https://console.developers.google.com/apis/api/drive.googleapis.com/overview?project=861234567890 then retry. ' +
      'If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.';
    expect(() => runtime.run('save', ['a.pdf'])).toThrow(expected);
    expect(() => runtime.run('listMine', [1])).toThrow('API call to drive.files.list failed with error: Google Drive API has not been used in project 861234567890');
    expect(runtime.drive.files).toEqual([]);
    runtime.drive.apiEnabled = true;
    expect(runtime.run('save', ['a.pdf'])).toMatch(/^drive-file-\d+$/);
  });

  it('works in the default Cloud project; in a standard one, only once the Drive API is enabled there', () => {
    expect(drive().run('save', ['a.pdf'])).toMatch(/^drive-file-\d+$/);
    const standard = drive({ standardCloudProject: { number: '555000111222', enabledApis: ['appsmarket-component.googleapis.com'] } });
    expect(() => standard.run('save', ['a.pdf'])).toThrow('Google Drive API has not been used in project 555000111222 before or it is disabled');
    const enabled = drive({ standardCloudProject: { number: '555000111222', enabledApis: ['drive.googleapis.com'] } });
    expect(enabled.run('save', ['a.pdf'])).toMatch(/^drive-file-\d+$/);
  });

  it("lists only the current user's own files of the app, at most pageSize", () => {
    const runtime = drive();
    const mine = [runtime.run('save', ['a.pdf']), runtime.run('save', ['b.pdf'])];
    runtime.run('save', ['c.pdf'], { user: 'colleague@example.com' });
    expect(runtime.run('listMine', [10])).toEqual(mine);
    expect(runtime.run('listMine', [1])).toEqual([mine[0]]);
  });

  it('is refused to custom functions, and needs drive.file', () => {
    const runtime = drive();
    expect(() => runtime.customFunction('listMine', 1)).toThrow('You do not have permission to call Drive.Files.list from a custom function');
    runtime.grantScopes([]);
    expect(() => runtime.run('listMine', [1])).toThrow('Required permissions: https://www.googleapis.com/auth/drive.file');
  });
});
