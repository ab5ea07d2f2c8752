import { randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import {
  createCurationClient,
  createFeedClient,
  createZoneClient,
  reduceCurationActions,
  type SortingCurationAction,
  verifyFeedChain,
} from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
let url: string;

beforeAll(async () => {
  zone = await createTestZoneApp();
  url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => zone?.close());

const connection = (token?: string) =>
  createZoneClient({ baseUrl: url, fetch, zone: zone.zoneName, ...(token ? { token } : {}) }).connection;

async function tokenFor(userId: string, scopes = ['upload', 'download']): Promise<string> {
  const token = `figurl_${randomBytes(16).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  return token;
}

const login = (name: string) => uniqueId(name).slice(0, 30);

describe('curation documents', () => {
  test('editors act concurrently; the state is the reduction of every action, each attributed', async () => {
    const [alice, bob] = [login('alice'), login('bob')];
    const asAlice = createCurationClient(connection(await tokenFor(alice)));
    const asBob = createCurationClient(connection(await tokenFor(bob)));
    const created = await asAlice.create({
      label: 'sorting 12',
      editors: [bob],
      initial: { labelsByUnit: { '1': ['noise'] }, mergeGroups: [['3', '4']] },
    });
    expect(created).toMatchObject({ owner: alice, editors: [bob], version: 1, label: 'sorting 12' });
    expect(created.state).toEqual({ labelsByUnit: { '1': ['noise'] }, mergeGroups: [['3', '4']] });

    const aliceActions: SortingCurationAction[] = Array.from({ length: 20 }, (_, i) => ({
      type: 'ADD_UNIT_LABEL',
      unitId: i,
      label: 'accept',
    }));
    const bobActions: SortingCurationAction[] = [
      { type: 'MERGE_UNITS', unitIds: [4, 5] },
      ...Array.from(
        { length: 20 },
        (_, i): SortingCurationAction => ({ type: 'ADD_UNIT_LABEL', unitId: i, label: 'mua' }),
      ),
      { type: 'CLOSE_CURATION' },
    ];
    await Promise.all([
      ...aliceActions.map((action) => asAlice.act(created.curationId, [action])),
      asBob.act(created.curationId, bobActions),
    ]);

    const final = await asBob.get(created.curationId);
    expect(final.version).toBe(1 + aliceActions.length + bobActions.length);
    // The feed holds every action with its author; replaying it with the sdk reducer gives the state.
    const log = await createFeedClient(connection()).read(created.curationId);
    expect(verifyFeedChain(log.messages, { feedId: created.curationId, previousHash: null })).toBe(log.headHash);
    expect(log.messages.filter((m) => m.author === alice)).toHaveLength(1 + aliceActions.length);
    expect(log.messages.filter((m) => m.author === bob)).toHaveLength(bobActions.length);
    expect(final.state).toEqual(reduceCurationActions(log.messages.map((m) => m.message as SortingCurationAction)));
    expect(final.state.isClosed).toBe(true);
    expect(final.state.mergeGroups).toEqual([['3', '4', 5]]);
    expect(final.state.labelsByUnit?.['7']).toEqual(['accept', 'mua']);
  });

  test('a stale ifVersion is CONFLICT; non-editors and bad actions are refused; nothing half-applied', async () => {
    const owner = login('owner');
    const asOwner = createCurationClient(connection(await tokenFor(owner)));
    const asStranger = createCurationClient(connection(await tokenFor(login('stranger'))));
    const { curationId } = await asOwner.create();
    const first = await asOwner.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' }], {
      ifVersion: 0,
    });
    expect(first.version).toBe(1);
    const stale = await rejection(asOwner.act(curationId, [{ type: 'CLOSE_CURATION' }], { ifVersion: 0 }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(`curation ${curationId} is at version 1, not 0`);
    expect((await rejection(asStranger.act(curationId, [{ type: 'CLOSE_CURATION' }]))).code).toBe('FORBIDDEN');

    const bad = await zone.app.inject({
      method: 'POST',
      url: `/api/v1/curations/${curationId}/actions?zone=${zone.zoneName}`,
      payload: { actions: [{ type: 'CLOSE_CURATION' }, { type: 'MERGE_UNITS', unitId: 3 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/unitIds/);
    expect((await asOwner.get(curationId)).version).toBe(1);
  });

  test('every committed change writes one outbox event, readable by zone admins after a cursor', async () => {
    const admin = login('admin');
    await zone.context.identities.setMember({
      zoneName: zone.zoneName,
      userId: admin,
      canUpload: true,
      canDownload: true,
      isAdmin: true,
    });
    const asAdmin = createCurationClient(connection(await tokenFor(admin, ['admin'])));
    const anonymous = createCurationClient(connection());
    const before = await asAdmin.events({ topic: 'curation.changed' });
    const { curationId } = await anonymous.create({ editors: ['*'] });
    await anonymous.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 2, label: 'reject' }]);
    await anonymous.act(curationId, [{ type: 'REOPEN_CURATION' }, { type: 'CLOSE_CURATION' }]);
    await rejection(anonymous.act(curationId, [{ type: 'CLOSE_CURATION' }], { ifVersion: 0 }));

    const after = await asAdmin.events({ topic: 'curation.changed', after: before.next });
    const mine = after.events.filter((e) => e.key === curationId);
    expect(mine.map((e) => (e.payload as { version: number }).version)).toEqual([1, 3]);
    expect(mine[0]?.payload).toMatchObject({ curationId, zone: zone.zoneName, authors: ['anonymous'] });
    expect(after.next).toBe(after.events.at(-1)?.id);
    expect((await rejection(anonymous.events({ topic: 'curation.changed' }))).code).toBe('UNAUTHORIZED');
  });
});
