// The advanced Drive service (Drive API v3), enabled in appsscript.json's
// dependencies; only the member the add-on calls.
declare const Drive: {
  Files: {
    create(resource: { name: string; mimeType: string; parents?: string[] }, mediaData: GoogleAppsScript.Base.Blob): { id?: string; name?: string };
    list(optionalArgs?: { pageSize?: number; fields?: string; q?: string }): { files?: Array<{ id?: string }> };
  };
};
