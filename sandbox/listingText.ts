// The OAuth consent screen's page of docs/marketplace, written from
// docs/marketplace/listing.json (one justification per scope) and the
// manifest's oauthScopes, so the two cannot drift apart: `npm run listing`
// writes it, and test/addon/marketplaceListing.test.ts checks the committed copy.

export interface ScopeEntry {
  scope: string;
  consentScreen: string;
  sensitivity: string;
  justification: string;
}

export interface Listing {
  applicationName: string;
  shortDescription: Record<'en' | 'ru', string>;
  detailedDescription: Record<'en' | 'ru', string>;
  graphics: Record<string, string | string[]>;
  scopes: ScopeEntry[];
}

/** Scopes of the manifest without a justification, and justifications of scopes the manifest does not ask for. */
export function scopeMismatch(listing: Listing, manifestScopes: readonly string[]): { unjustified: string[]; notInManifest: string[] } {
  const justified = new Set(listing.scopes.filter((entry) => entry.justification.trim() !== '').map((entry) => entry.scope));
  return {
    unjustified: manifestScopes.filter((scope) => !justified.has(scope)),
    notInManifest: listing.scopes.map((entry) => entry.scope).filter((scope) => !manifestScopes.includes(scope)),
  };
}

export function consentScreenMarkdown(listing: Listing, manifestScopes: readonly string[]): string {
  const { unjustified, notInManifest } = scopeMismatch(listing, manifestScopes);
  if (unjustified.length || notInManifest.length) {
    throw new Error(`docs/marketplace/listing.json and appsscript.json disagree: no justification for ${unjustified.join(', ') || 'none'}; not in the manifest: ${notInManifest.join(', ') || 'none'}`);
  }
  const byScope = new Map(listing.scopes.map((entry) => [entry.scope, entry]));
  const scopes = manifestScopes.map((scope) => {
    const entry = byScope.get(scope)!;
    return [`### \`${scope}\``, '', `- Google shows: "${entry.consentScreen}"`, `- Category: ${entry.sensitivity}`, `- Justification (paste into the verification form): ${entry.justification}`, ''].join('\n');
  });
  return [
    '# OAuth consent screen',
    '',
    '<!-- Written by `npm run listing` from listing.json and appsscript.json: edit those, not this file. -->',
    '',
    'Google Cloud console › APIs & Services › OAuth consent screen (Google Auth platform › Branding, Audience, Data access), in the',
    "add-on's **standard** Cloud project (see [PUBLISHING.md](PUBLISHING.md)).",
    '',
    '| field | value |',
    '| --- | --- |',
    `| App name | ${listing.applicationName} |`,
    '| User support email | the publisher\'s support address |',
    '| App logo | [consent-logo-120.png](consent-logo-120.png) (120 x 120) |',
    "| Application home page | the add-on's page on the publisher's verified domain |",
    '| Privacy policy link | where [privacy-policy.md](privacy-policy.md) is published |',
    '| Terms of service link | where [terms-of-service.md](terms-of-service.md) is published |',
    "| Authorized domains | the domain of those three pages |",
    "| Developer contact | the publisher's address |",
    '| Audience | Internal for the first, private publish to your own domain; External for a public listing |',
    '',
    `## Scopes (Data access): all ${manifestScopes.length} of appsscript.json, no more`,
    '',
    'Add exactly these; the Marketplace SDK\'s App configuration lists the same ones. Each justification says what the',
    'add-on does with the scope and why a narrower one would not do.',
    '',
    ...scopes,
  ].join('\n');
}
