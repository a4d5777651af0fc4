import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REASONS, type ReasonCode } from '../../domain/reasons.ts';

const RULES = path.resolve(import.meta.dirname, '../../domain/rules');
/** Codes no rule gives: validation, the id guard and adjustments are the engine's. */
const NOT_RULES = new Set<ReasonCode>(['VALIDATION_FAILED', 'CLAIM_ID_CONFLICT', 'REPROCESSED']);

const kebab = (code: string) => code.toLowerCase().replaceAll('_', '-');
const camel = (code: string) => code.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const files = readdirSync(RULES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('rules are named after their reason codes', () => {
  const codes = (Object.keys(REASONS) as ReasonCode[]).filter((c) => !NOT_RULES.has(c));

  it.each(codes)('%s is decided in a file of its name, by an export of its name', async (code) => {
    // Prepare: the files a newcomer lands on from the code's name.
    const homes = files.filter((f) => path.basename(f) === `${kebab(code)}.ts`);
    expect(homes.length, `domain/rules/**/${kebab(code)}.ts`).toBeGreaterThan(0);
    for (const home of homes) {
      // Act
      const module = (await import(pathToFileURL(path.join(RULES, home)).href)) as Record<string, unknown>;
      const rule = module[camel(code)] as { code?: string } | undefined;
      // Assess: the export decides that code, and the file names it where grep finds it.
      expect(rule, `${home} exports ${camel(code)}`).toBeDefined();
      expect(rule?.code).toBe(code);
      expect(readFileSync(path.join(RULES, home), 'utf8')).toContain(`'${code}'`);
    }
  });
});
