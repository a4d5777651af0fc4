import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDay,
  parseDate,
  parseInstant,
  shanghaiDay,
} from '../../domain/dates.ts';

describe('calendar arithmetic', () => {
  it('agrees with the JavaScript Date for every day from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (d) => {
        const date = new Date(d * 86_400_000);
        expect(formatDay(d)).toBe(date.toISOString().slice(-24, -14).padStart(10, '0'));
        const { year, month, dayOfMonth } = civilFromDays(d);
        expect(daysFromCivil(year, month, dayOfMonth)).toBe(d);
        expect(parseDate(formatDay(d))).toBe(d);
      }),
      { numRuns: 5000 },
    );
  });

  it('clamps addMonths to the last day of the target month', () => {
    expect(formatDay(addMonths(parseDate('2025-08-31') as number, 6))).toBe('2026-02-28');
    expect(formatDay(addMonths(parseDate('2024-02-29') as number, 24))).toBe('2026-02-28');
    expect(formatDay(addMonths(parseDate('2024-01-31') as number, 1))).toBe('2024-02-29');
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('takes the Asia/Shanghai date of an instant, whatever its offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          const instant = parseInstant(iso);
          expect(instant?.ms).toBe(date.getTime());
          expect(formatDay(shanghaiDay(instant as NonNullable<typeof instant>))).toBe(
            new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
          );
        },
      ),
    );
  });
});
