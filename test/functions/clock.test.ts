import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../domain/dates.ts';
import { postedAt, systemClock } from '../../functions/clock.ts';

describe('the server clock', () => {
  it('stamps an instant in China Standard Time, crossing the day and month in Asia/Shanghai', () => {
    expect(postedAt(new Date('2026-03-31T16:30:00.123Z'))).toBe('2026-04-01T00:30:00.123+08:00');
    expect(postedAt(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31T23:59:59.999+08:00');
  });

  it('stamps what the domain reads back as the same instant', () => {
    const now = systemClock();
    expect(parseInstant(postedAt(now))?.ms).toBe(now.getTime());
  });
});
