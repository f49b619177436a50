// The Drive API behind the advanced Drive service. Publishing needs a standard
// Google Cloud project ("Publish an editor add-on": the default project cannot
// be used), and there an advanced service's API must be enabled by hand
// ("Advanced Google services", step 2). Until it is, every Drive call fails with
// Google's accessNotConfigured error, which these helpers turn into what to do.

const NOT_ENABLED = /(?:Drive API|API) has not been used in project (\d+) before or it is disabled/;

/** The Cloud project's number when `error` is Google's "API has not been used in project … or it is disabled"; else null. */
export function driveApiDisabledIn(error: unknown): string | null {
  return NOT_ENABLED.exec(messageOf(error))?.[1] ?? null;
}

/** A thrown service error's message (not only an Error of this realm: whatever carries a message). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** What the person who published the add-on does about it, in one sentence. */
export function enableDriveApiText(project: string): string {
  return (
    `the Google Drive API is not enabled in the add-on's Google Cloud project (number ${project}), so letters and summaries for the lawyer cannot be saved. ` +
    `Whoever published the add-on enables it: Google Cloud console › APIs & Services › Library › Google Drive API › Enable, in project ${project}; wait a few minutes, then run Check setup again.`
  );
}

/**
 * Check setup's probe: the cheapest Drive call the add-on's drive.file scope
 * allows (one file id of the add-on's own files). Returns null when Drive
 * answers, else the reason in a sentence.
 */
export function probeDriveApi(): string | null {
  try {
    Drive.Files.list({ pageSize: 1, fields: 'files(id)' });
    return null;
  } catch (error) {
    const project = driveApiDisabledIn(error);
    if (project) return enableDriveApiText(project);
    return `Drive did not answer (${messageOf(error)}): letters and summaries for the lawyer wait; run Check setup again later.`;
  }
}
