/**
 * Folders import only from folders below them: domain ← functions ← infra ← cli ← bench. The console
 * is apart and may read domain/ and functions/ only. A test scans every source file's imports
 * (static, `export … from` and dynamic) so that an upward import fails here, not in a code review.
 * Tests (test/, console/e2e/) may import any folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const LAYERS = ['domain', 'functions', 'infra', 'cli', 'bench'];
const MAY_IMPORT: Record<string, string[]> = {
  ...Object.fromEntries(LAYERS.map((folder, i) => [folder, LAYERS.slice(0, i + 1)])),
  console: ['domain', 'functions', 'console'],
};
// console/e2e is the console's test harness: like test/, it may start the local stack.
const SKIP = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', 'e2e']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** The relative imports of a file, each as the top folder it lands in. */
function importedFolders(file: string, text: string): { specifier: string; folder: string }[] {
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ specifier, folder: relative(ROOT, resolve(dirname(file), specifier)).split(/[\\/]/)[0]! }));
}

describe('folder layering', () => {
  it('finds an upward import in a file that has one', () => {
    const found = importedFolders(
      join(ROOT, 'infra/local/x.ts'),
      "import { a } from '../../cli/api-client.ts';\nawait import('../../domain/x.ts');",
    );
    expect(found.map((f) => f.folder)).toEqual(['cli', 'domain']);
    expect(MAY_IMPORT.infra).not.toContain('cli');
  });

  it('has no folder importing a folder above it', () => {
    const upward: string[] = [];
    for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        for (const { specifier, folder: target } of importedFolders(file, readFileSync(file, 'utf8'))) {
          if (!allowed.includes(target)) upward.push(`${relative(ROOT, file)} imports ${specifier} (${target}/)`);
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
