import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../domain/errors.ts';
import * as fen from '../../domain/fen.ts';
import { Dec, fmt } from '../../domain/money.ts';

/** Amounts of either sign up to ±10¹⁵ yuan: far past any claim, total or statement. */
const amount = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map((n) => fen.of(n));
const small = fc.bigInt({ min: -100_000n, max: 100_000n }).map((n) => fen.of(n));
const quantity = fc.integer({ min: -1000, max: 1000 });
/** A signed decimal string with 0–8 decimals, as decimal.js writes one. */
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 8 }))
  .map(([negative, digits, places]) => new Dec(`${negative ? '-' : ''}${digits}`).dividedBy(10 ** places).toFixed());
const ratio = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, places]) => new Dec(n).dividedBy(10 ** places).toFixed());
/** decimal.js, the reference: the domain's Decimal rounded as DOMAIN.md §2 says. */
const reference = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

describe('fen arithmetic', () => {
  it('adds commutatively and associatively, with 0 as identity and negation as inverse', () => {
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        expect(fen.add(a, b)).toBe(fen.add(b, a));
        expect(fen.add(fen.add(a, b), c)).toBe(fen.add(a, fen.add(b, c)));
        expect(fen.add(a, fen.ZERO)).toBe(a);
        expect(fen.add(a, fen.negate(a))).toBe(fen.ZERO);
        expect(fen.subtract(a, b)).toBe(fen.add(a, fen.negate(b)));
        expect(fen.negate(fen.negate(a))).toBe(a);
      }),
    );
  });

  it('multiplies by a quantity distributively, with 1 as identity and 0 as zero', () => {
    fc.assert(
      fc.property(amount, amount, quantity, quantity, (a, b, q, r) => {
        expect(fen.multiply(fen.add(a, b), q)).toBe(fen.add(fen.multiply(a, q), fen.multiply(b, q)));
        expect(fen.multiply(a, q + r)).toBe(fen.add(fen.multiply(a, q), fen.multiply(a, r)));
        expect(fen.multiply(a, 1)).toBe(a);
        expect(fen.multiply(a, 0)).toBe(fen.ZERO);
        expect(fen.multiply(a, -1)).toBe(fen.negate(a));
      }),
    );
  });

  it('orders amounts totally, in agreement with the sign of the difference', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(fen.compare(a, b)).toBe(-fen.compare(b, a) || 0);
        const d = fen.subtract(a, b);
        expect(fen.compare(a, b)).toBe(fen.isZero(d) ? 0 : fen.isNegative(d) ? -1 : 1);
        expect(fen.min(a, b) <= fen.max(a, b)).toBe(true);
        expect(fen.equals(a, b)).toBe(fen.compare(a, b) === 0);
      }),
    );
  });

  it('agrees with decimal.js on every operation, either sign', () => {
    fc.assert(
      fc.property(small, small, quantity, (a, b, q) => {
        const [x, y] = [fen.toDec(a), fen.toDec(b)];
        expect(fen.format(fen.add(a, b))).toBe(x.plus(y).toFixed(2));
        expect(fen.format(fen.subtract(a, b))).toBe(x.minus(y).toFixed(2));
        expect(fen.format(fen.multiply(a, q))).toBe(reference(x.times(q)));
        expect(fen.compare(a, b)).toBe(x.comparedTo(y));
        expect(fen.format(fen.sum([a, b, a]))).toBe(x.plus(y).plus(x).toFixed(2));
      }),
    );
  });

  it('round-trips through decimal strings and decimal.js values', () => {
    fc.assert(
      fc.property(amount, (a) => {
        expect(fen.parse(fen.format(a))).toBe(a);
        expect(fen.halfUp(fen.toDec(a))).toBe(a);
        expect(fen.toDec(a).times(100).toFixed()).toBe(String(a));
      }),
    );
  });

  it('rounds any decimal half-up to the fen exactly as decimal.js does, ties away from zero', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(fen.format(fen.halfUp(text))).toBe(reference(new Decimal(text)));
        expect(fen.halfUp(new Dec(text))).toBe(fen.halfUp(text));
      }),
    );
    expect(fen.format(fen.halfUp('0.005'))).toBe('0.01');
    expect(fen.format(fen.halfUp('-0.005'))).toBe('-0.01');
    expect(fen.format(fen.halfUp('-0.0049'))).toBe('0.00');
    expect(fen.format(fen.halfUp('34.965'))).toBe('34.97');
  });

  it('multiplies by a policy ratio and rounds half-up as decimal.js does', () => {
    fc.assert(
      fc.property(small, ratio, (a, r) => {
        expect(fen.format(fen.multiplyRatio(a, r))).toBe(reference(fen.toDec(a).times(r)));
      }),
    );
  });

  it('reads amounts below the fen as micros exactly, and rounds them and their ratio products as decimal.js does', () => {
    /** A non-negative charge with 0–6 decimals, up to 10¹² yuan (a unit price × quantity, a day's lines). */
    const charge = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, places]) => new Dec(String(digits)).dividedBy(10 ** places));
    fc.assert(
      fc.property(charge, ratio, (c, r) => {
        const m = fen.micro(c);
        expect(new Dec(String(m)).dividedBy(1_000_000).equals(c)).toBe(true);
        expect(fen.micro(c.toFixed())).toBe(m);
        expect(fen.format(fen.microHalfUp(m))).toBe(reference(c));
        expect(fen.format(fen.microTimesRatio(m, fen.ratio(r)))).toBe(reference(c.times(r)));
        expect(fen.microTimesRatio(m, fen.ratio(new Dec(r)))).toBe(fen.microTimesRatio(m, fen.ratio(r)));
      }),
    );
    expect(fen.microHalfUp(fen.micro('-0.005'))).toBe(-1n);
    expect(fen.microHalfUp(fen.micro('0.004999'))).toBe(0n);
    expect(fen.toMicro(fen.parse('-1.23'))).toBe(-1_230_000n);
  });

  it('keeps the sign of negative amounts (a recoupment is not a payment)', () => {
    expect(fen.parse('-1.50')).toBe(-150n);
    expect(fen.parse('-0.05')).toBe(-5n);
    expect(fen.format(fen.parse('-0.00'))).toBe('0.00');
    expect(fen.format(fen.add(fen.parse('-84.00'), fen.parse('84.00')))).toBe('0.00');
    expect(fen.format(fen.of(-1))).toBe('-0.01');
  });

  it('rejects what is not a whole number of fen, naming the value', () => {
    for (const bad of ['1.234', '1e3', '', '5.', '+1', '1,00', ' 1.00', '--1']) {
      expect(() => fen.parse(bad)).toThrow(MoneyError);
    }
    expect(() => fen.of(0.5)).toThrow(/0\.5/);
    expect(() => fen.multiply(fen.parse('1.00'), 1.5)).toThrow(MoneyError);
    expect(() => fen.multiplyRatio(fen.parse('1.00'), '-0.5')).toThrow(MoneyError);
    expect(() => fen.halfUp('1e-7')).toThrow(MoneyError);
    expect(() => fen.micro('0.0000001')).toThrow(MoneyError);
    expect(() => fen.ratio('-0.5')).toThrow(MoneyError);
  });
});

describe('money formatting', () => {
  it('writes every decimal with two decimals exactly as decimal.js toFixed(2) does', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = new Dec(text);
        expect(fmt(d)).toBe(d.toFixed(2));
      }),
    );
    for (const text of ['0', '-0', '7', '-0.5', '1.005', '-0.005', '1e-7', '1e20'])
      expect(fmt(new Dec(text))).toBe(new Dec(text).toFixed(2));
  });
});
