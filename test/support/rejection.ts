import { FigurlError } from '@figurl/sdk';
import { expect } from 'vitest';

/**
 * The FigurlError `promise` rejects with; fails the test when it resolves or rejects with
 * anything else.
 *
 * @example
 * expect((await rejection(feeds.append(feedId, []))).code).toBe('INVALID_REQUEST');
 */
export async function rejection(promise: Promise<unknown>): Promise<FigurlError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FigurlError);
  return err as FigurlError;
}
