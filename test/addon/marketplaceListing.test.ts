// What the Workspace Marketplace listing needs, kept in docs/marketplace/
// (issue 24, item 7). `npm run listing` makes the images and the consent
// screen's page; it is slow and not part of npm test. These checks are fast:
// the files are there at the sizes the store listing asks for (read from the
// PNG headers), every scope of the manifest is justified and nothing else is,
// and the privacy policy names every sheet and store the built add-on writes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentScreenMarkdown, scopeMismatch, type Listing } from '../../sandbox/listingText';
import { distDir, projectRoot } from '../support/addon';

const dir = join(projectRoot, 'docs/marketplace');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const listing = JSON.parse(read('listing.json')) as Listing;
const manifest = JSON.parse(readFileSync(join(projectRoot, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const code = readFileSync(join(distDir, 'Code.js'), 'utf8');

/** A PNG's width and height, from its IHDR chunk (which the PNG specification puts first). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(join(dir, file));
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1'), `${file} starts with IHDR`).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the Marketplace listing in docs/marketplace', () => {
  it('has every file the store listing and the consent screen ask for', () => {
    for (const file of ['README.md', 'PUBLISHING.md', 'listing.json', 'description.en.md', 'description.ru.md', 'consent-screen.md', 'privacy-policy.md', 'terms-of-service.md', 'icon.svg']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
      expect(statSync(join(dir, file)).size, file).toBeGreaterThan(200);
    }
    const graphics = Object.values(listing.graphics).flat();
    for (const file of graphics) expect(existsSync(join(dir, file)), file).toBe(true);
    // Every PNG in the folder is one the listing names: nothing stale left behind.
    expect(readdirSync(dir).filter((file) => file.endsWith('.png')).sort()).toEqual([...graphics].sort());
  });

  it('has icons of 32 and 128 px, a 120 px consent logo, a 220 x 140 card banner and screenshots of 1280 x 800', () => {
    const { graphics } = listing;
    expect(pngSize(graphics.applicationIcon32 as string)).toEqual({ width: 32, height: 32 });
    expect(pngSize(graphics.applicationIcon128 as string)).toEqual({ width: 128, height: 128 });
    expect(pngSize(graphics.consentScreenLogo as string)).toEqual({ width: 120, height: 120 });
    expect(pngSize(graphics.applicationCardBanner as string)).toEqual({ width: 220, height: 140 });
    expect(graphics.screenshots.length).toBeGreaterThanOrEqual(2);
    for (const shot of graphics.screenshots as string[]) expect(pngSize(shot), shot).toEqual({ width: 1280, height: 800 });
  });

  it('justifies every scope of appsscript.json, and no scope the manifest does not ask for', () => {
    expect(scopeMismatch(listing, manifest.oauthScopes)).toEqual({ unjustified: [], notInManifest: [] });
    expect(listing.scopes).toHaveLength(manifest.oauthScopes.length);
    for (const entry of listing.scopes) {
      expect(entry.consentScreen.trim(), entry.scope).not.toBe('');
      expect(entry.sensitivity.trim(), entry.scope).not.toBe('');
      expect(entry.justification.length, entry.scope).toBeGreaterThan(150);
    }
    // The check bites both ways: a scope added to the manifest alone, or a justification left for a scope dropped from it.
    const more = [...manifest.oauthScopes, 'https://www.googleapis.com/auth/drive'];
    expect(scopeMismatch(listing, more).unjustified).toEqual(['https://www.googleapis.com/auth/drive']);
    expect(scopeMismatch(listing, manifest.oauthScopes.slice(1)).notInManifest).toEqual([manifest.oauthScopes[0]]);
    expect(() => consentScreenMarkdown(listing, more)).toThrow(/no justification for https:\/\/www\.googleapis\.com\/auth\/drive/);
  });

  it('keeps consent-screen.md as listing.json and the manifest make it (npm run listing writes it)', () => {
    expect(read('consent-screen.md')).toBe(consentScreenMarkdown(listing, manifest.oauthScopes));
    for (const scope of manifest.oauthScopes) expect(read('consent-screen.md')).toContain(`\`${scope}\``);
  });

  it('has short descriptions in English and Russian, and detailed ones', () => {
    for (const language of ['en', 'ru'] as const) {
      const short = listing.shortDescription[language];
      // Our own limit for the store's one-line description, so it reads whole on the listing card.
      expect(short.length, language).toBeGreaterThan(60);
      expect(short.length, language).toBeLessThanOrEqual(200);
      const long = read(listing.detailedDescription[language]);
      expect(long.length, language).toBeGreaterThan(1000);
    }
    expect(listing.shortDescription.ru).toMatch(/[а-яё]{5}/i);
    expect(read(listing.detailedDescription.ru)).toMatch(/[а-яё]{5}/i);
    expect(listing.shortDescription.en).not.toMatch(/[а-яё]/i);
  });

  it('has a privacy policy naming every sheet and store the built add-on writes, and who gets what', () => {
    const policy = read('privacy-policy.md');
    // Every sheet the add-on creates, by the constant that names it in src/.
    const sheetNames = new Set<string>();
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/export const \w+_SHEET_NAME = '([^']+)'/g)) sheetNames.add(match[1]);
      }
    };
    walk(join(projectRoot, 'src'));
    expect(sheetNames.size).toBeGreaterThanOrEqual(7);
    for (const name of sheetNames) expect(policy, `the privacy policy names the "${name}" sheet`).toContain(`**${name}**`);
    // Every store of the Properties service, Drive and mail the built code uses is named; a new one fails here until the policy says so.
    const stores: Array<[RegExp, string]> = [
      [/\bgetScriptProperties\(/, 'script properties'],
      [/\bgetUserProperties\(/, 'user properties'],
      [/\bgetDocumentProperties\(/, 'document properties'],
      [/\bCacheService\./, 'cache'],
      [/\bDrive\.Files\.create\(/, 'Google Drive'],
      [/\bMailApp\.sendEmail\(/, 'MailApp'],
    ];
    for (const [use, named] of stores) if (use.test(code)) expect(policy, `the add-on uses ${String(use)}`).toContain(named);
    // And what it says is not kept holds of the built code.
    if (policy.includes('keeps nothing in script properties')) expect(code).not.toMatch(/\bgetScriptProperties\(/);
    if (policy.includes('nothing in any cache')) expect(code).not.toMatch(/\bCacheService\./);
    // "Nothing leaves Google" holds only while the add-on fetches nothing and has no other channel out.
    expect(code).not.toMatch(/\bUrlFetchApp\b|\bGmailApp\.send/);
    expect(policy).toContain('sends\nnothing to the publisher');
    expect(policy).toContain('Google API Services User Data Policy');
    expect(read('terms-of-service.md')).toContain('privacy-policy.md');
  });

  it('has a publishing checklist, and README points to it instead of a bound script', () => {
    const checklist = read('PUBLISHING.md');
    for (const step of ['--type standalone', 'Deploy › Test\ndeployments', "Installable triggers aren't supported when\ntesting", '**standard** Google Cloud\nproject', 'Google Drive API ›\n   Enable', 'Marketplace SDK', '**Private**', 'TODAY()', 'PDF letter', 'Verification Center']) {
      expect(checklist, step).toContain(step);
    }
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const deploy = readme.slice(readme.indexOf('## Deploying with clasp'), readme.indexOf('### First thing after installing'));
    expect(deploy).toContain('--type standalone');
    expect(deploy).not.toContain('--type sheets');
    expect(deploy).toContain('(docs/marketplace/PUBLISHING.md)');
    expect(deploy).toContain("Installable triggers aren't supported when testing");
  });
});
