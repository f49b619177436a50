// The code's layers, checked from the imports themselves: src/server has no
// import circle (a module that, through others, imports itself is loaded half
// made and is hard to change), the core stays pure, and the page and the
// server meet only in src/shared. Imports are read with the TypeScript
// compiler (no extra dependency), `import type` included: a circle of types
// is still a circle for whoever reads the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/addon';

const src = join(projectRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The project files a module imports (relative specifiers, resolved as the bundler does). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((entry) => entry.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const base = resolve(dirname(file), specifier);
      for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
        try {
          if (statSync(candidate).isFile()) return candidate;
        } catch {
          // not this one
        }
      }
      throw new Error(`${relative(projectRoot, file)} imports ${specifier}, which is not a file`);
    });
}

/** Every circle among the given files, each as the path of modules that closes it. */
export function importCycles(files: string[]): string[][] {
  const inScope = new Set(files);
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => inScope.has(target))]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((path) => relative(src, path)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the import graph', () => {
  it('has no circle in src/server', () => {
    expect(importCycles(sourceFiles(join(src, 'server')))).toEqual([]);
  });

  it('has no circle in src/core nor in the sidebar page', () => {
    expect(importCycles(sourceFiles(join(src, 'core')))).toEqual([]);
    expect(importCycles(sourceFiles(join(src, 'sidebar')))).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    // The check itself can fail: a made-up circle through two real modules' shapes.
    const dir = join(projectRoot, 'test/structure/circle');
    expect(importCycles(sourceFiles(dir)).map((cycle) => cycle.map((path) => path.split('/').pop()))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('keeps the core free of the server and the page, and the page free of the server', () => {
    const reaches = (from: string, into: string) =>
      sourceFiles(join(src, from)).flatMap((file) => importsOf(file).filter((target) => target.startsWith(join(src, into) + '/')).map((target) => `${relative(src, file)} → ${relative(src, target)}`));
    expect(reaches('core', 'server')).toEqual([]);
    expect(reaches('core', 'sidebar')).toEqual([]);
    expect(reaches('sidebar', 'server')).toEqual([]);
    expect(reaches('server', 'sidebar')).toEqual([]);
  });
});
