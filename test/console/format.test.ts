import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, formatMoney, formatTime, shanghaiToday, sumMoney } from '../../console/src/format.ts';
import { Dec } from '../../domain/money.ts';

describe('formatMoney', () => {
  it.each([
    ['1234567.5', '1,234,567.50'],
    ['0', '0.00'],
    ['-12', '-12.00'],
    ['-0.00', '0.00'],
    ['1000', '1,000.00'],
    ['80.123456', '80.123456'],
    ['007.1', '7.10'],
  ])('shows %s as %s', (value, shown) => {
    expect(formatMoney(value)).toBe(shown);
  });

  it('shows a missing amount as a dash and leaves what is not a decimal as it is', () => {
    expect([formatMoney(undefined), formatMoney(''), formatMoney('n/a')]).toEqual(['—', '—', 'n/a']);
  });

  it('never changes a digit: without separators it is the decimal itself', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (fen) => {
        const text = new Dec(fen.toString()).dividedBy(100).toFixed(2);
        expect(formatMoney(text).replace(/,/g, '')).toBe(new Dec(text).isZero() ? '0.00' : text);
      }),
    );
  });
});

describe('sumMoney', () => {
  it('adds decimal strings exactly, where floats would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['10500.00', '-0.01', '99999999999.99'])).toBe('100000010499.98');
    expect(sumMoney([])).toBe('0.00');
  });

  it('equals decimal.js on any list of amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { maxLength: 30 }), (fens) => {
        const texts = fens.map((f) => new Dec(f.toString()).dividedBy(100).toFixed(2));
        expect(sumMoney(texts)).toBe(texts.reduce((t, v) => t.plus(v), new Dec(0)).toFixed(2));
      }),
    );
  });
});

describe('dates', () => {
  it('shows instants and today in Asia/Shanghai whatever the zone of the machine', () => {
    expect(formatInstant('2026-03-31T17:30:00Z')).toBe('2026-04-01 01:30');
    expect(formatInstant('2026-04-02T09:00:00+08:00')).toBe('2026-04-02 09:00');
    expect(shanghaiToday(new Date('2026-06-09T16:30:00Z'))).toBe('2026-06-10');
  });
});

describe('formatTime', () => {
  it('shows a visit’s time of day in Shanghai to the second, whatever offset it was sent with', () => {
    expect(formatTime('2026-03-05T09:47:30+08:00')).toBe('09:47:30');
    expect(formatTime('2026-03-05T01:00:00Z')).toBe('09:00:00');
    expect(formatTime('2026-03-05T16:00:00Z')).toBe('00:00:00');
    expect(formatTime(undefined)).toBe('—');
  });
});
