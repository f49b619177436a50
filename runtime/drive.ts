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
 * with a blob. The add-on uses it rather than DriveApp because DriveApp's
 * createFile asks for the whole-Drive scope (DriveApp reference,
 * "Authorization": drive), while the Drive API's files.create works with
 * drive.file, which reaches only the files the app itself created.
 */
export class DriveFiles {
  readonly files: DriveFile[] = [];
  private next = 1;
  constructor(private readonly state: RuntimeState) {}

  /** Drive API v3, files.create (developers.google.com/drive/api/reference/rest/v3/files/create), as the advanced Drive service calls it. */
  create(resource: { name?: string; mimeType?: string; parents?: string[] }, mediaData?: Blob): { id: string; name: string; mimeType: string; kind: string } {
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
}
