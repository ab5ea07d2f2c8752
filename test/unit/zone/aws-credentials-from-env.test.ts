import { describe, expect, it } from 'vitest';
import { awsCredentialsFromEnv } from '../../../zone/src/bucket/index.js';

describe('awsCredentialsFromEnv', () => {
  it('is undefined when no key variable is set (the SDK default chain applies)', () => {
    expect(awsCredentialsFromEnv({})).toBeUndefined();
    expect(awsCredentialsFromEnv({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' })).toBeUndefined();
  });

  it('reads the key pair and an optional session token', () => {
    expect(awsCredentialsFromEnv({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'sekrit' })).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'sekrit',
    });
    expect(
      awsCredentialsFromEnv({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'sekrit', AWS_SESSION_TOKEN: 'tok' }),
    ).toEqual({ accessKeyId: 'AKID', secretAccessKey: 'sekrit', sessionToken: 'tok' });
  });

  it('refuses half a key pair, naming the missing variable but no value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ AWS_ACCESS_KEY_ID: 'AKID' }, 'AWS_SECRET_ACCESS_KEY is not'],
      [{ AWS_SECRET_ACCESS_KEY: 'sekrit' }, 'AWS_ACCESS_KEY_ID is not'],
      [{ AWS_SESSION_TOKEN: 'tok' }, 'AWS_SESSION_TOKEN is set'],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        awsCredentialsFromEnv(env);
      } catch (err) {
        error = err;
      }
      expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
      expect((error as Error).message).toContain(message);
      for (const value of Object.values(env)) expect((error as Error).message).not.toContain(value);
    }
  });
});
