import { jsonNumber } from './json';
import { formatNumber, round2 } from './present';
import { ratioActual } from './raw';

describe('presentation helpers', () => {
  it.each([
    [2.675, 2.68], // 2.675 is 2.67499999… in binary; rounding the decimal value still gives 2.68
    [1.005, 1.01],
    [-1.005, -1.01],
    [81.25, 81.25],
    [66.66666666666667, 66.67],
    [0.004, 0],
  ])('round2(%d) = %d', (x, y) => expect(round2(x)).toBe(y));

  it.each([
    [null, 'none'],
    ['Infinity', '+Infinity'],
    [Number.POSITIVE_INFINITY, '+Infinity'],
    [-0.001, '0'],
    [113.53283075384006, '113.53'],
  ] as const)('formatNumber(%s) = %s', (x, text) => expect(formatNumber(x)).toBe(text));

  it('JSON numbers keep finite values and spell out infinities', () => {
    expect([
      jsonNumber(1.5),
      jsonNumber(Number.POSITIVE_INFINITY),
      jsonNumber(Number.NEGATIVE_INFINITY),
    ]).toEqual([1.5, 'Infinity', '-Infinity']);
  });

  it('a ratio with a zero denominator is no data, not 0', () => {
    expect([ratioActual(3, 4), ratioActual(0, 4), ratioActual(3, 0)]).toEqual([0.75, 0, null]);
  });
});
