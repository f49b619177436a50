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
/**
 * Sheets' sidebar takes a page with everything inline; kept small so it opens fast. A budget of ours, not
 * Google's: 80 KB holds every section's words in English and Russian (Cyrillic is two bytes a letter in UTF-8).
 */
const SIDEBAR_LIMIT_BYTES = 80 * 1024;

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

/**
 * The ECMAScript edition Code.js may use. Google's "V8 runtime overview" names none ("modern ECMAScript
 * syntax … let, const, and many other popular features", with ES2015 examples), and says scripts moved to V8
 * from February 2020; the stricter reading is what V8 had then: ES2020 (V8 8.0, Chrome 80). esbuild lowers
 * newer syntax to it; `checkLanguageLevel` then checks the bundle, syntax and built-ins, rather than assuming.
 */
export const APPS_SCRIPT_TARGET = 'es2020';

/** Built-in members newer than ES2020, by how they are called: `.name(` on any value, or a global. */
const NEWER_MEMBERS = {
  at: 'Array/String.prototype.at (ES2022)',
  findLast: 'Array.prototype.findLast (ES2023)',
  findLastIndex: 'Array.prototype.findLastIndex (ES2023)',
  replaceAll: 'String.prototype.replaceAll (ES2021)',
  toSorted: 'Array.prototype.toSorted (ES2023)',
  toReversed: 'Array.prototype.toReversed (ES2023)',
  toSpliced: 'Array.prototype.toSpliced (ES2023)',
  hasOwn: 'Object.hasOwn (ES2022)',
  groupBy: 'Object.groupBy / Map.groupBy (ES2024)',
  isWellFormed: 'String.prototype.isWellFormed (ES2024)',
  toWellFormed: 'String.prototype.toWellFormed (ES2024)',
  fromAsync: 'Array.fromAsync (ES2024)',
  transferToFixedLength: 'ArrayBuffer.prototype.transfer (ES2024)',
};
const NEWER_GLOBALS = {
  structuredClone: 'structuredClone (a browser and Node API, not ECMAScript)',
  WeakRef: 'WeakRef (ES2021)',
  FinalizationRegistry: 'FinalizationRegistry (ES2021)',
  AggregateError: 'AggregateError (ES2021)',
};

/**
 * Refuses code that uses what ES2020 lacks: syntax (logical assignment, class fields and private names,
 * static blocks, numeric separators, the RegExp d and v flags) and the built-ins above (Promise.any too).
 * Reads the code's syntax tree, so words in strings and comments are not mistaken for calls.
 */
export function checkLanguageLevel(code, fileName = 'Code.js') {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const problems = [];
  const at = (node, what) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${fileName}:${line + 1}: ${what}, which Apps Script's V8 (read as ${APPS_SCRIPT_TARGET}) may lack: \`${node.getText(source).slice(0, 60)}\``);
  };
  const logical = new Set([ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken]);
  const visit = (node) => {
    if (ts.isBinaryExpression(node) && logical.has(node.operatorToken.kind)) at(node, 'logical assignment (ES2021)');
    else if (ts.isPrivateIdentifier(node)) at(node, 'a private class member (ES2022)');
    else if (ts.isClassStaticBlockDeclaration(node)) at(node, 'a class static block (ES2022)');
    else if (ts.isPropertyDeclaration(node)) at(node, 'a class field (ES2022)');
    else if (ts.isNumericLiteral(node) && node.getText(source).includes('_')) at(node, 'a numeric separator (ES2021)');
    else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /[dv][a-z]*$/.test(node.getText(source).slice(node.getText(source).lastIndexOf('/') + 1))) at(node, 'a RegExp d or v flag (ES2022/ES2024)');
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (Object.hasOwn(NEWER_MEMBERS, name)) at(node, NEWER_MEMBERS[name]);
      else if (name === 'any' && node.expression.expression.getText(source) === 'Promise') at(node, 'Promise.any (ES2021)');
    } else if (ts.isIdentifier(node) && Object.hasOwn(NEWER_GLOBALS, node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      at(node, NEWER_GLOBALS[node.text]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (problems.length) throw new Error(`build: ${fileName} uses language features beyond ${APPS_SCRIPT_TARGET}:\n- ${problems.join('\n- ')}`);
}

/** Builds dist/ and returns the bundle's text and the entry points. */
export async function build({ quiet = false } = {}) {
  const points = entryPoints();
  const bundled = await esbuild({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: APPS_SCRIPT_TARGET,
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
  checkLanguageLevel(code);
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
