/** A bad expression: the message names the position and what was expected. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

const constants: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };

const functions: Readonly<
  Record<string, { arity: [number, number]; fn: (...x: number[]) => number }>
> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  cbrt: { arity: [1, 1], fn: Math.cbrt },
  abs: { arity: [1, 1], fn: Math.abs },
  round: { arity: [1, 1], fn: Math.round },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  exp: { arity: [1, 1], fn: Math.exp },
  ln: { arity: [1, 1], fn: Math.log },
  log: {
    arity: [1, 2],
    fn: (x, base) => (base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)),
  },
  log10: { arity: [1, 1], fn: Math.log10 },
  log2: { arity: [1, 1], fn: Math.log2 },
  sin: { arity: [1, 1], fn: Math.sin },
  cos: { arity: [1, 1], fn: Math.cos },
  tan: { arity: [1, 1], fn: Math.tan },
  pow: { arity: [2, 2], fn: Math.pow },
  min: { arity: [1, 64], fn: Math.min },
  max: { arity: [1, 64], fn: Math.max },
};

/** The longest expression accepted (characters). */
export const maxExpressionLength = 1000;

type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'op'; value: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:((?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)|([a-z_][a-z0-9_]*)|(\*\*|[-+*/%^(),×÷]))/giy;
  let at = 0;
  while (at < source.length && source.slice(at).trim() !== '') {
    pattern.lastIndex = at;
    const m = pattern.exec(source);
    if (!m) {
      const position = source.length - source.slice(at).trimStart().length;
      throw new ExpressionError(
        `unexpected "${source[position]}" at position ${position + 1}: use numbers, + - * / % ^, parentheses and functions like sqrt(x)`,
      );
    }
    const start = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined)
      tokens.push({ type: 'number', value: Number(m[1].replace(/_/g, '')), at: start });
    else if (m[2] !== undefined)
      tokens.push({ type: 'name', value: m[2].toLowerCase(), at: start });
    else {
      const op = m[3] === '×' ? '*' : m[3] === '÷' ? '/' : m[3] === '**' ? '^' : (m[3] as string);
      tokens.push({ type: 'op', value: op, at: start });
    }
    at = pattern.lastIndex;
  }
  return tokens;
}

/**
 * Evaluates an arithmetic expression safely: a recursive-descent parser over numbers, `+ - * / %`,
 * `^` (or `**`, right-associative), parentheses, unary minus, the constants `pi`, `e`, `tau` and
 * functions (`sqrt`, `abs`, `round`, `floor`, `ceil`, `exp`, `ln`, `log`, `log2`, `log10`, `sin`,
 * `cos`, `tan`, `pow`, `min`, `max`). No `eval`, no property access, nothing but numbers: a bad
 * expression, a division by zero or a non-finite result throws an `ExpressionError`.
 */
export function evaluateExpression(expression: string): number {
  if (typeof expression !== 'string' || expression.trim() === '')
    throw new ExpressionError('expected an arithmetic expression such as "(2 + 3) * 4"');
  if (expression.length > maxExpressionLength)
    throw new ExpressionError(`the expression is longer than ${maxExpressionLength} characters`);
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const where = () => {
    const t = peek();
    return t === undefined ? 'at the end' : `at position ${t.at + 1}`;
  };
  const isOp = (value: string) => {
    const t = peek();
    return t?.type === 'op' && t.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new ExpressionError(`expected "${value}" ${where()}`);
    i++;
  };

  function sum(): number {
    let value = product();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[i++] as Token).value;
      const right = product();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  }
  function product(): number {
    let value = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (tokens[i++] as Token).value;
      const right = unary();
      if ((op === '/' || op === '%') && right === 0) throw new ExpressionError('division by zero');
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  }
  function unary(): number {
    if (isOp('-')) {
      i++;
      return -unary();
    }
    if (isOp('+')) {
      i++;
      return unary();
    }
    return power();
  }
  function power(): number {
    const base = primary();
    if (isOp('^')) {
      i++;
      return base ** unary(); // right-associative: 2^3^2 = 2^9; 2^-1 = 0.5
    }
    return base;
  }
  function primary(): number {
    const t = peek();
    if (t === undefined)
      throw new ExpressionError('the expression ends too early: expected a number');
    if (t.type === 'number') {
      i++;
      return t.value;
    }
    if (t.type === 'op' && t.value === '(') {
      i++;
      const value = sum();
      expect(')');
      return value;
    }
    if (t.type === 'name') {
      i++;
      const fn = Object.hasOwn(functions, t.value) ? functions[t.value] : undefined;
      if (fn) {
        expect('(');
        const args = [sum()];
        while (isOp(',')) {
          i++;
          args.push(sum());
        }
        expect(')');
        const [min, max] = fn.arity;
        if (args.length < min || args.length > max)
          throw new ExpressionError(
            `${t.value}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`,
          );
        return fn.fn(...args);
      }
      const constant = Object.hasOwn(constants, t.value) ? constants[t.value] : undefined;
      if (constant !== undefined) return constant;
      throw new ExpressionError(
        `unknown name "${t.value}" at position ${t.at + 1}: use ${[...Object.keys(constants), ...Object.keys(functions).map((f) => `${f}()`)].join(', ')}`,
      );
    }
    throw new ExpressionError(`unexpected "${t.value}" ${where()}: expected a number`);
  }

  const value = sum();
  if (i < tokens.length)
    throw new ExpressionError(`unexpected "${(tokens[i] as Token).value}" ${where()}`);
  if (!Number.isFinite(value)) throw new ExpressionError('the result is not a finite number');
  return value;
}
