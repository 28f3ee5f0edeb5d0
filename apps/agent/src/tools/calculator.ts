import { z } from 'zod';
import { defineTool } from '../tool.js';
import { evaluateExpression } from './evaluate-expression.js';

/**
 * `calculator`: evaluates an arithmetic expression with a safe parser (no `eval`); returns the
 * number. A bad expression fails with a message the model can act on.
 */
export const calculatorTool = defineTool({
  name: 'calculator',
  description:
    'Evaluate an arithmetic expression exactly: numbers, + - * / % ^, parentheses, sqrt, log, min, max, round and other math functions.',
  parameters: z.object({
    expression: z
      .string()
      .min(1)
      .describe('The arithmetic expression, e.g. "(1234 + 766) * 3" or "sqrt(2) * 10"'),
  }),
  execute: ({ expression }) => evaluateExpression(expression),
});
