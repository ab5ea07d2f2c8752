import type { z } from 'zod';
import { FigurlError, quote } from '../errors/index.js';

/**
 * Validates `value` against a schema, or throws `INVALID_REQUEST` whose message names the
 * field, quotes the bad value and says what was expected:
 * `invalid findFile request: payload.hash "abc": expected 40 lowercase hex characters`.
 *
 * @example
 * const envelope = parseWith(gatewayEnvelopeSchema, body, 'gateway request');
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => describeIssue(issue, value));
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
  throw new FigurlError('INVALID_REQUEST', `invalid ${what}: ${issues.join('; ')}${more}`);
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.map(String).join('.');
  const where = path === '' ? 'value' : path;
  if (issue.code === 'unrecognized_keys') {
    // Bounded: a body with thousands of unknown keys must not come back as a huge message.
    const shown = issue.keys.slice(0, 5).map((k) => quote(k, 40));
    const more = issue.keys.length > 5 ? ` (and ${issue.keys.length - 5} more)` : '';
    const keys = `${shown.join(', ')}${more}`;
    return `${where === 'value' ? '' : `${where}: `}unexpected field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  const found = valueAt(root, issue.path);
  const shown = found === undefined ? 'missing' : quote(found, 80);
  return `${where} ${shown}: ${expectation(issue)}`;
}

function expectation(issue: z.core.$ZodIssue): string {
  // A schema's own message (set where the default would be vague) wins.
  if (issue.message.startsWith('expected ')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_union':
      return 'expected one of the documented forms';
    default:
      return `expected ${issue.message.toLowerCase()}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
