import { describe, expect, test } from 'vitest';
import { evaluateExpression, ExpressionError, maxExpressionLength } from './evaluate-expression.js';

describe('evaluateExpression', () => {
  test.each([
    ['(1234 + 766) * 3 / 4', 1500],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 ^ 3 ^ 2', 512],
    ['2 ** 10', 1024],
    ['-2 ^ 2', -4],
    ['2 ^ -1', 0.5],
    ['--3', 3],
    ['10 % 4', 2],
    ['5 × 3 ÷ 2', 7.5],
    ['1_000 * 2', 2000],
    ['.5 + 1.5e3', 1500.5],
    ['sqrt(16) + log(100) + log(8, 2)', 9],
    ['max(1, 7, 3) - min(4, 2)', 5],
    ['round(pi * 100) / 100', 3.14],
    ['  abs( -3 )  ', 3],
  ])('%s = %d', (expression, value) => {
    expect(evaluateExpression(expression)).toBeCloseTo(value, 10);
  });

  test.each([
    ['', /expected an arithmetic expression/],
    ['2 +', /ends too early/],
    ['(2', /expected "\)" at the end/],
    ['2 2', /unexpected "2" at position 3/],
    ['1 / 0', /division by zero/],
    ['5 % 0', /division by zero/],
    ['10 ^ 400', /not a finite number/],
    ['foo(1)', /unknown name "foo" at position 1/],
    ['sqrt(1, 2)', /sqrt\(\) takes 1 argument, got 2/],
    // Nothing reaches JavaScript: no property access, no prototype names, no calls of values.
    ['process.exit()', /unexpected "\." at position 8/],
    ['constructor', /unknown name "constructor"/],
    ['__proto__', /unknown name "__proto__"/],
    ['toString(1)', /unknown name "tostring"/],
    ['"1" + 1', /unexpected """ at position 1/],
  ])('%j is an ExpressionError', (expression, message) => {
    const run = () => evaluateExpression(expression);
    expect(run).toThrow(ExpressionError);
    expect(run).toThrow(message);
  });

  test('a very long expression is refused before parsing', () => {
    expect(() => evaluateExpression('1+'.repeat(maxExpressionLength))).toThrow(/longer than 1000/);
  });
});
