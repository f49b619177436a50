// Builds the add-on into dist/, the folder that `clasp push` uploads:
//   Code.js          the bundle plus one top-level function per export of src/server/main.ts
//   Sidebar.html     the settings sidebar, script and styles inlined
//   appsscript.json  the manifest
// Apps Script has no modules: esbuild bundles everything into one IIFE, and
// the top-level stubs, generated from the entry's exports and their JSDoc,
// are what Sheets, the menu and triggers call (esbuild drops comments, and
// Sheets reads @customfunction from the JSDoc above a top-level function).
import { build as esbuild, transform } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { scopesUsedBy } from './runtime/scopes.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const entry = join(root, 'src/server/main.ts');
const outDir = join(root, 'dist');
const GLOBAL_NAME = 'ReceivablesAddon';
/** Sheets' sidebar takes a page with everything inline; kept small so it opens fast. */
const SIDEBAR_LIMIT_BYTES = 60 * 1024;

/** The sidebar page with its script and styles inlined: dist/Sidebar.html. */
async function buildSidebar() {
  const script = await esbuild({
    entryPoints: [join(root, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
  });
  // Minified like the script: the comments stay in the source, not in every page Sheets loads.
  const css = (await transform(await readFile(join(root, 'src/sidebar/sidebar.css'), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' })).code;
  const page = (await readFile(join(root, 'src/sidebar/index.html'), 'utf8'))
    .replace('/* inline:style */', () => css)
    // A "</script" inside the code would end the script element early.
    .replace('// inline:script', () => script.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1'));
  const bytes = Buffer.byteLength(page);
  if (bytes > SIDEBAR_LIMIT_BYTES) throw new Error(`build: dist/Sidebar.html is ${bytes} bytes, over ${SIDEBAR_LIMIT_BYTES}`);
  return page;
}

/** Reads the entry's exports with the TypeScript compiler: name, parameters and JSDoc of each. */
export function entryPoints(entryFile = entry) {
  const program = ts.createProgram([entryFile], { allowJs: false, noEmit: true, target: ts.ScriptTarget.ES2020 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const problems = [];
  const points = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.find(ts.isFunctionDeclaration);
    const name = exported.getName();
    if (!declaration) {
      problems.push(`${name} is exported from the entry but is not a function declaration`);
      continue;
    }
    const file = declaration.getSourceFile();
    const comments = ts.getLeadingCommentRanges(file.text, declaration.pos) ?? [];
    const jsdoc = comments.map((range) => file.text.slice(range.pos, range.end)).filter((text) => text.startsWith('/**')).pop();
    const params = declaration.parameters.map((parameter) => parameter.name.getText(file));
    if (!jsdoc) {
      problems.push(`${name} has no JSDoc block (${file.fileName})`);
      continue;
    }
    const description = jsdoc.split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').trim()).find((line) => line && !line.startsWith('@'));
    if (!description) problems.push(`${name}: its JSDoc has no description`);
    if (name.startsWith('AR_')) {
      if (!/@customfunction\b/.test(jsdoc)) problems.push(`${name}: a custom function's JSDoc needs @customfunction`);
      for (const param of params) {
        if (!new RegExp(`@param\\s+(\\{[^}]*\\}\\s+)?${param}\\b`).test(jsdoc)) problems.push(`${name}: JSDoc lacks @param for ${param}`);
      }
    }
    points.push({ name, params, jsdoc: jsdoc.split('\n').map((line) => line.trim()).map((line, i) => (i === 0 ? line : ` ${line}`)).join('\n') });
  }
  if (problems.length) throw new Error(`build: the entry's exports are not ready for Apps Script:\n- ${problems.join('\n- ')}`);
  return points;
}

function stubs(points) {
  return points
    .map(({ name, params, jsdoc }) => {
      const list = params.join(', ');
      return `${jsdoc}\nfunction ${name}(${list}) {\n  return ${GLOBAL_NAME}.${name}(${list});\n}\n`;
    })
    .join('\n');
}

/**
 * The manifest must list a scope for every service member Code.js calls
 * (a user who installs the add-on grants only what it lists), and nothing
 * that no call needs (add-ons ask for the narrowest scopes: "Authorization scopes").
 */
export function checkScopes(code, oauthScopes) {
  const listed = new Set(oauthScopes);
  const used = scopesUsedBy(code);
  const problems = [];
  for (const [member, anyOf] of used) {
    if (!anyOf.some((scope) => listed.has(scope))) problems.push(`Code.js calls ${member}, which needs ${anyOf.join(' or ')}; appsscript.json's oauthScopes lacks it`);
  }
  for (const scope of listed) {
    if (![...used.values()].some((anyOf) => anyOf.includes(scope))) problems.push(`appsscript.json asks for ${scope}, which nothing in Code.js needs`);
  }
  if (problems.length) throw new Error(`build: the manifest's scopes do not match the code:\n- ${problems.join('\n- ')}`);
}

/** Builds dist/ and returns the bundle's text and the entry points. */
export async function build({ quiet = false } = {}) {
  const points = entryPoints();
  const bundled = await esbuild({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    // Whitespace and syntax only: names stay, so Stackdriver's stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'utf8',
    write: false,
  });
  const code = [
    '// Generated by build.mjs from src/: edit the sources, not this file.',
    bundled.outputFiles[0].text,
    '// Entry points: the functions Sheets, the menu and triggers call.',
    stubs(points),
  ].join('\n');

  // Apps Script rejects module syntax, and loads the whole file on every
  // custom-function call: it must compile as a plain script and define
  // its functions without touching any service.
  new vm.Script(code, { filename: 'Code.js' });
  const bare = vm.createContext({});
  vm.runInContext(code, bare, { filename: 'Code.js' });
  for (const { name } of points) {
    if (typeof bare[name] !== 'function') throw new Error(`build: ${name} is not a top-level function in Code.js`);
  }

  const manifest = await readFile(join(root, 'appsscript.json'), 'utf8');
  checkScopes(code, JSON.parse(manifest).oauthScopes ?? []);

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const sidebar = await buildSidebar();
  await writeFile(join(outDir, 'Code.js'), code);
  await writeFile(join(outDir, 'Sidebar.html'), sidebar);
  await copyFile(join(root, 'appsscript.json'), join(outDir, 'appsscript.json'));
  if (!quiet) {
    console.log(`dist/Code.js ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB, ${points.length} entry points: ${points.map((p) => p.name).join(', ')}`);
    console.log(`dist/Sidebar.html ${(Buffer.byteLength(sidebar) / 1024).toFixed(1)} KB`);
  }
  return { code, points };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
