import type { Blob } from './blob';
import type { RuntimeState } from './state';

/** A file the add-on saved to Drive. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  bytes: Buffer;
  owner: string;
  createdAt: Date;
}

/**
 * The advanced Drive service (v3), only what the add-on uses: Files.create
 * with a blob, and Files.list (Check setup's cheap probe). The add-on uses it
 * rather than DriveApp because DriveApp's createFile asks for the whole-Drive
 * scope (DriveApp reference, "Authorization": drive), while the Drive API's
 * files.create and files.list work with drive.file, which reaches only the
 * files the app itself created.
 */
export class DriveFiles {
  readonly files: DriveFile[] = [];
  /**
   * Whether the Drive API is enabled in the script's Google Cloud project.
   * "Advanced Google services" (developers.google.com/apps-script/guides/services/advanced),
   * step 2: in the default project Apps Script enables the API itself; in a
   * standard Cloud project, which publishing requires, it must be enabled by hand.
   * Until it is, every call fails with Google's accessNotConfigured error.
   */
  apiEnabled = true;
  /** The Cloud project's number, as Google's error names it. */
  cloudProjectNumber = '123456789012';
  private next = 1;
  constructor(private readonly state: RuntimeState) {}

  /** Drive API v3, files.create (developers.google.com/drive/api/reference/rest/v3/files/create), as the advanced Drive service calls it. */
  create(resource: { name?: string; mimeType?: string; parents?: string[] }, mediaData?: Blob): { id: string; name: string; mimeType: string; kind: string } {
    this.requireApi('files.create');
    if (!resource || typeof resource !== 'object') throw new Error('GoogleJsonResponseException: API call to drive.files.create failed with error: Invalid resource');
    const bytes = mediaData ? mediaData.raw() : Buffer.alloc(0);
    const file: DriveFile = {
      id: `drive-file-${this.next++}`,
      name: resource.name ?? mediaData?.getName() ?? 'Untitled',
      mimeType: resource.mimeType ?? mediaData?.getContentType() ?? 'application/octet-stream',
      bytes,
      owner: this.state.activeUser,
      createdAt: new Date(this.state.now),
    };
    this.files.push(file);
    return { kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType };
  }

  /**
   * Drive API v3, files.list (developers.google.com/drive/api/reference/rest/v3/files/list):
   * with drive.file only the files this app created by the current user are visible.
   * Only pageSize is honoured; the rest of the query is not modelled.
   */
  list(optionalArgs: { pageSize?: number } = {}): { kind: string; files: Array<{ kind: string; id: string; name: string; mimeType: string }> } {
    this.requireApi('files.list');
    const pageSize = Math.min(Math.max(Number(optionalArgs.pageSize ?? 100), 1), 1000);
    const mine = this.files.filter((file) => file.owner === this.state.activeUser).slice(0, pageSize);
    return { kind: 'drive#fileList', files: mine.map((file) => ({ kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType })) };
  }

  /**
   * The error an advanced service call gets while its API is off in a standard
   * Cloud project: Apps Script's "GoogleJsonResponseException: API call to … failed
   * with error:" around Google's accessNotConfigured message, word for word as
   * people report it (github.com/openclaw/gogcli/issues/489, "Google Drive API has
   * not been used in project … before or it is disabled"; the full sentence with
   * the console link in github.com/transloadit/uppy/issues/1300).
   */
  private requireApi(method: string): void {
    if (this.apiEnabled) return;
    const project = this.cloudProjectNumber;
    throw new Error(
      `GoogleJsonResponseException: API call to drive.${method} failed with error: Google Drive API has not been used in project ${project} before or it is disabled. ` +
        `Enable it by visiting https://console.developers.google.com/apis/api/drive.googleapis.com/overview?project=${project} then retry. ` +
        'If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.',
    );
  }
}
