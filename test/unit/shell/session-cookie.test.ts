import { describe, expect, it } from 'vitest';
import { readSession, sealSession } from '../../../app/lib/session-cookie';

const config = { sessionSecret: 'unit-session-secret-0123456789abcdef0123456789', shellUrl: 'http://shell.test' };
const ada = { login: 'ada', token: 'ghp_ada' };
const eve = { login: 'eve', token: 'ghp_eve' };
const header = (...values: string[]) => new Headers({ cookie: values.map((v) => `figurl_session=${v}`).join('; ') });

describe('readSession with several figurl_session cookies (one planted by another page of the host)', () => {
  it('skips values that do not unseal, wherever they come', async () => {
    const real = await sealSession(ada, config);
    expect(await readSession(header('forged-by-plugin-api', real), config)).toEqual(ada);
    expect(await readSession(header(real, 'forged'), config)).toEqual(ada);
    expect(await readSession(header('forged'), config)).toBeUndefined();
  });

  it("never takes a planted session of someone else for the user's: two sessions that differ are signed out", async () => {
    const real = await sealSession(ada, config);
    const planted = await sealSession(eve, config);
    expect(await readSession(header(planted, real), config)).toBeUndefined();
    expect(await readSession(header(real, await sealSession(ada, config)), config)).toEqual(ada);
  });
});
