import { randomBytes, randomUUID } from 'node:crypto';
import { applyMigrations, enums, Prisma, type PrismaClient, uniqueId } from '@figurl/prisma';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreshDatabase, createTestPrisma, type FreshDatabase } from '../../support/database.js';

/*
 * schema.prisma (via the generated client) and the hand-written SQL migrations must describe
 * the same database. The model side comes from the client's runtime data model: it is what the
 * client itself uses to turn fields into columns, so it is exactly what has to match. The
 * `prisma-client` generator exports no `Prisma.dmmf`, and `@prisma/internals` (getDMMF) is not a
 * dependency; the runtime model has no native types, nullability or list flags, which the
 * round trips below cover instead (every field written with a non-default value and read back).
 */

interface RuntimeField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
}
interface RuntimeModel {
  dbName: string | null;
  fields: RuntimeField[];
}

function runtimeModels(prisma: PrismaClient): Record<string, RuntimeModel> {
  const dataModel = (prisma as unknown as { _runtimeDataModel?: { models?: Record<string, RuntimeModel> } })
    ._runtimeDataModel;
  if (dataModel?.models === undefined || Object.values(dataModel.models).some((m) => !Array.isArray(m.fields))) {
    throw new Error(
      'PrismaClient._runtimeDataModel is missing or changed shape: expected {models: {[name]: {dbName, fields}}}',
    );
  }
  return dataModel.models;
}

// PostgreSQL types (information_schema udt_name, `_` prefix = array) a Prisma scalar may map to.
const compatibleTypes: Record<string, string[]> = {
  String: ['text', 'varchar', 'bpchar', 'uuid'],
  BigInt: ['int8'],
  Int: ['int4', 'int2'],
  Boolean: ['bool'],
  DateTime: ['timestamptz', 'timestamp', 'date', 'time', 'timetz'],
  Float: ['float8', 'float4'],
  Decimal: ['numeric'],
  Json: ['jsonb', 'json'],
  Bytes: ['bytea'],
};

let db: FreshDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createFreshDatabase();
  await applyMigrations({ databaseUrl: db.url });
  prisma = createTestPrisma(db.url);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const at = (iso: string) => new Date(iso);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

async function expectPrismaError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect((error as Prisma.PrismaClientKnownRequestError).code).toBe(code);
}

describe('the database matches the models', () => {
  test('the tables are the models’ tables', async () => {
    const models = runtimeModels(prisma);
    expect(Object.keys(models).sort()).toEqual(Object.values(Prisma.ModelName).sort());

    const rows = await prisma.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
    const expected = Object.entries(models).map(([name, model]) => model.dbName ?? name);
    expect(rows.map((row) => row.table_name).sort()).toEqual(expected.sort());
  });

  test('each table’s columns are its model’s fields, with compatible types', async () => {
    for (const [name, model] of Object.entries(runtimeModels(prisma))) {
      const table = model.dbName ?? name;
      const columns = await prisma.$queryRaw<Array<{ column_name: string; udt_name: string }>>`
        SELECT column_name, udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table}`;
      const fields = model.fields.filter((field) => field.kind !== 'object');

      expect
        .soft(columns.map((c) => c.column_name).sort(), `columns of ${table}`)
        .toEqual(fields.map((field) => field.dbName ?? field.name).sort());
      for (const field of fields) {
        const column = columns.find((c) => c.column_name === (field.dbName ?? field.name));
        const type = column?.udt_name.replace(/^_/, '');
        if (field.kind === 'enum') {
          // A Prisma enum is a PostgreSQL enum type with the same values in the same order.
          const labels = await prisma.$queryRaw<Array<{ enumlabel: string }>>`
            SELECT e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE t.typname = ${type ?? ''} ORDER BY e.enumsortorder`;
          const values = Object.values((enums as Record<string, Record<string, string>>)[field.type] ?? {});
          expect
            .soft(
              labels.map((l) => l.enumlabel),
              `${name}.${field.name} (enum ${field.type})`,
            )
            .toEqual(values);
          expect.soft(values.length, `enum ${field.type} is exported by @figurl/prisma`).toBeGreaterThan(0);
          continue;
        }
        expect
          .soft(compatibleTypes[field.type], `${name}.${field.name} (${field.type}) stored as ${column?.udt_name}`)
          .toContain(type);
      }
    }
  });
});

describe('every model round-trips through the generated client', () => {
  test('users, zones, members, clients and tokens with every field set', async () => {
    const user = {
      id: uniqueId('user'),
      githubId: 9_007_199_254_740_993n, // above 2^53: must not pass through a JS number
      name: 'Zoë Ünïcode 🧪',
      createdAt: at('2001-02-03T04:05:06.789Z'),
    };
    expect(await prisma.user.create({ data: user })).toEqual(user);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);

    const zone = {
      name: uniqueId('zone'),
      ownerId: user.id,
      allowPublicUpload: true,
      allowPublicDownload: false,
      createdAt: at('2002-03-04T05:06:07.008Z'),
    };
    await prisma.zone.create({ data: zone });
    expect(await prisma.zone.findUniqueOrThrow({ where: { name: zone.name }, include: { owner: true } })).toEqual({
      ...zone,
      owner: user,
    });

    const member = { zoneName: zone.name, userId: user.id, canUpload: true, canDownload: true, isAdmin: true };
    await prisma.zoneMember.create({ data: member });
    expect(
      await prisma.zoneMember.findUniqueOrThrow({
        where: { zoneName_userId: { zoneName: zone.name, userId: user.id } },
      }),
    ).toEqual(member);

    const client = {
      zoneName: zone.name,
      clientId: hex(32),
      ownerId: user.id,
      label: 'laptop',
      createdAt: at('2003-04-05T06:07:08.009Z'),
    };
    await prisma.client.create({ data: client });
    expect(
      await prisma.client.findUniqueOrThrow({
        where: { zoneName_clientId: { zoneName: zone.name, clientId: client.clientId } },
        include: { zone: true, owner: true },
      }),
    ).toEqual({ ...client, zone, owner: user });

    const token = {
      id: randomUUID(),
      userId: user.id,
      tokenHash: hex(32),
      label: 'ci',
      scopes: ['upload', 'download', 'admin'],
      createdAt: at('2004-05-06T07:08:09.010Z'),
      lastUsedAt: at('2005-06-07T08:09:10.011Z'),
      expiresAt: at('2030-01-01T00:00:00.000Z'),
      revokedAt: at('2006-07-08T09:10:11.012Z'),
    };
    await prisma.apiToken.create({ data: token });
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: token.tokenHash } })).toEqual(token);

    expect(
      await prisma.user.findUniqueOrThrow({
        where: { githubId: user.githubId },
        include: { ownedZones: true, memberships: true, clients: true, apiTokens: true },
      }),
    ).toEqual({ ...user, ownedZones: [zone], memberships: [member], clients: [client], apiTokens: [token] });
  });

  test('blobs, with a size beyond 2^53', async () => {
    const blob = { sha1: hex(20), sha256: hex(32), size: 2n ** 62n + 1n, createdAt: at('2007-08-09T10:11:12.013Z') };
    await prisma.blob.create({ data: blob });
    expect(await prisma.blob.findUniqueOrThrow({ where: { sha256: blob.sha256 } })).toEqual(blob);
  });

  test('uploads, seen requests and usage days', async () => {
    const zone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    const upload = {
      id: randomUUID(),
      zoneName: zone.name,
      sha1: hex(20),
      size: 2n ** 40n,
      sha256: hex(32),
      stagingKey: `staging/${randomUUID()}`,
      state: enums.UploadState.rejected,
      userId: 'anonymous',
      clientId: hex(32),
      receivedSha1: hex(20),
      receivedSha256: hex(32),
      receivedSize: 2n ** 40n - 1n,
      createdAt: at('2008-09-10T11:12:13.014Z'),
      expiresAt: at('2008-09-10T11:42:13.014Z'),
      finishedAt: at('2008-09-10T11:13:00.000Z'),
    };
    await prisma.upload.create({ data: upload });
    expect(await prisma.upload.findUniqueOrThrow({ where: { stagingKey: upload.stagingKey } })).toEqual(upload);
    const minimal = await prisma.upload.create({
      data: {
        zoneName: zone.name,
        sha1: hex(20),
        size: 1n,
        stagingKey: `staging/${randomUUID()}`,
        userId: 'u',
        expiresAt: at('2030-01-01T00:00:00.000Z'),
      },
    });
    expect(minimal).toMatchObject({
      state: 'pending',
      sha256: null,
      clientId: null,
      receivedSize: null,
      finishedAt: null,
    });

    const seen = { signatureHash: hex(20), expiresAt: at('2009-10-11T12:13:14.015Z') };
    await prisma.seenRequest.create({ data: seen });
    expect(await prisma.seenRequest.findUniqueOrThrow({ where: { signatureHash: seen.signatureHash } })).toEqual(seen);
    await expectPrismaError(prisma.seenRequest.create({ data: seen }), 'P2002');

    const usage = {
      day: at('2010-11-12T00:00:00.000Z'),
      zoneName: zone.name,
      userId: uniqueId('user'),
      uploadCount: 3n,
      uploadBytes: 2n ** 55n,
      downloadCount: 5n,
      downloadBytes: 7n,
    };
    await prisma.usageDay.create({ data: usage });
    expect(
      await prisma.usageDay.findUniqueOrThrow({
        where: { day_zoneName_userId: { day: usage.day, zoneName: usage.zoneName, userId: usage.userId } },
      }),
    ).toEqual(usage);
  });

  test('feeds, messages, curations, mutables, figures, pins, blob refs and outbox events', async () => {
    const zone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    const feed = {
      id: uniqueId('feed').slice(0, 32),
      zoneName: zone.name,
      kind: enums.FeedKind.curation,
      ownerId: 'alice',
      label: 'Zoë’s sorting 🧪',
      publicRead: false,
      readers: ['bob', 'carol'],
      writers: ['*'],
      messageCount: 2n ** 53n + 1n,
      headHash: hex(20),
      createdAt: at('2011-01-02T03:04:05.006Z'),
      updatedAt: at('2011-01-02T03:04:06.007Z'),
      deletedAt: at('2011-01-02T03:04:07.008Z'),
    };
    await prisma.feed.create({ data: feed });
    expect(await prisma.feed.findUniqueOrThrow({ where: { id: feed.id } })).toEqual(feed);

    const message = {
      feedId: feed.id,
      seq: 2n ** 53n,
      author: 'alice',
      clientId: hex(32),
      signature: hex(64),
      signedAt: 1_700_000_000_123n,
      message: '{"a":1.0e+300,"é":"🧪"}',
      previousHash: hex(20),
      hash: hex(20),
      createdAt: at('2011-01-02T03:04:05.999Z'),
    };
    await prisma.feedMessage.create({ data: message });
    expect(
      await prisma.feedMessage.findUniqueOrThrow({ where: { feedId_seq: { feedId: feed.id, seq: message.seq } } }),
    ).toEqual(message);
    // The same signature twice in one feed is the idempotent-resend key.
    await expectPrismaError(prisma.feedMessage.create({ data: { ...message, seq: 0n } }), 'P2002');

    const curation = {
      id: feed.id,
      editRepo: 'lab/sortings',
      state: '{"labelsByUnit":{"1":["accept"]}}',
      version: 7n,
    };
    await prisma.curation.create({ data: curation });
    expect(await prisma.curation.findUniqueOrThrow({ where: { id: feed.id } })).toEqual(curation);

    const mutable = {
      zoneName: zone.name,
      key: '@lab/@runs/latest',
      version: 3,
      value: '"sha1://0123456789abcdef0123456789abcdef01234567"',
      ownerId: 'alice',
      writers: ['bob'],
      updatedBy: 'bob',
      createdAt: at('2013-01-02T03:04:05.006Z'),
      updatedAt: at('2013-01-02T03:04:06.006Z'),
    };
    await prisma.mutable.create({ data: mutable });
    expect(
      await prisma.mutable.findUniqueOrThrow({ where: { zoneName_key: { zoneName: zone.name, key: mutable.key } } }),
    ).toEqual(mutable);
    const version = {
      zoneName: zone.name,
      key: mutable.key,
      version: 2,
      value: null,
      author: 'bob',
      createdAt: at('2013-01-02T03:04:05.500Z'),
    };
    await prisma.mutableVersion.create({ data: version });
    expect(await prisma.mutableVersion.findFirstOrThrow({ where: { key: mutable.key } })).toEqual(version);

    const figure = {
      id: randomUUID(),
      zoneName: zone.name,
      viewUri: 'gs://figurl/vegalite-2',
      dataUri: `sha1://${hex(20)}`,
      dataSha1: hex(20),
      label: 'Ünïcode figure',
      ownerId: 'alice',
      repo: 'lab/analysis',
      pullRequest: 42,
      commitSha: hex(20),
      checkName: 'figures',
      pinned: true,
      private: true,
      allowedUsers: ['bob'],
      expiresAt: at('2030-01-01T00:00:00.000Z'),
      deletedAt: at('2014-01-01T00:00:00.000Z'),
      createdAt: at('2014-01-02T03:04:05.006Z'),
    };
    await prisma.figure.create({ data: figure });
    expect(await prisma.figure.findUniqueOrThrow({ where: { id: figure.id } })).toEqual(figure);

    const pin = {
      sha1: hex(20),
      userId: 'alice',
      expiresAt: at('2015-01-01T00:00:00.000Z'),
      createdAt: at('2014-12-01T00:00:00.000Z'),
    };
    await prisma.pin.create({ data: pin });
    expect(await prisma.pin.findUniqueOrThrow({ where: { sha1_userId: { sha1: pin.sha1, userId: 'alice' } } })).toEqual(
      pin,
    );

    const ref = {
      sha1: pin.sha1,
      kind: enums.BlobRefKind.mutable,
      refId: `${zone.name}/${mutable.key}`,
      createdAt: at('2016-01-01T00:00:00.000Z'),
    };
    await prisma.blobRef.create({ data: ref });
    expect(await prisma.blobRef.findFirstOrThrow({ where: { refId: ref.refId } })).toEqual(ref);

    const event = await prisma.outboxEvent.create({
      data: { topic: 'curation.changed', key: feed.id, payload: { curationId: feed.id, version: 7 } },
    });
    const next = await prisma.outboxEvent.create({ data: { topic: 'curation.changed', key: feed.id, payload: [] } });
    expect(next.id).toBeGreaterThan(event.id);
    expect(await prisma.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);

    // A feed's messages and its curation go with it; a mutable's history with the mutable.
    await prisma.feed.delete({ where: { id: feed.id } });
    expect(await prisma.feedMessage.count({ where: { feedId: feed.id } })).toBe(0);
    expect(await prisma.curation.count({ where: { id: feed.id } })).toBe(0);
    await prisma.mutable.delete({ where: { zoneName_key: { zoneName: zone.name, key: mutable.key } } });
    expect(await prisma.mutableVersion.count({ where: { key: mutable.key, zoneName: zone.name } })).toBe(0);
  });

  test('edge resources, their files and requests', async () => {
    const zone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    const resource = {
      id: randomUUID(),
      zoneName: zone.name,
      ownerId: 'alice',
      name: 'lab-pc-3',
      sessionId: randomUUID(),
      replicaId: hex(8),
      connectedAt: at('2017-01-02T03:04:05.006Z'),
      lastSeenAt: at('2017-01-02T03:04:25.007Z'),
      disconnectedAt: at('2017-01-01T00:00:00.008Z'),
      createdAt: at('2016-12-31T00:00:00.009Z'),
    };
    await prisma.edgeResource.create({ data: resource });
    expect(
      await prisma.edgeResource.findUniqueOrThrow({
        where: { zoneName_ownerId_name: { zoneName: zone.name, ownerId: 'alice', name: 'lab-pc-3' } },
      }),
    ).toEqual(resource);
    // One resource per zone, owner and name; another owner may use the same name.
    await expectPrismaError(prisma.edgeResource.create({ data: { ...resource, id: randomUUID() } }), 'P2002');
    const bobs = await prisma.edgeResource.create({ data: { zoneName: zone.name, ownerId: 'bob', name: 'lab-pc-3' } });
    expect(bobs).toMatchObject({
      sessionId: null,
      replicaId: null,
      connectedAt: null,
      lastSeenAt: null,
      disconnectedAt: null,
    });

    const file = {
      resourceId: resource.id,
      sha1: hex(20),
      size: 2n ** 60n + 3n,
      sessionId: resource.sessionId,
      announcedAt: at('2017-01-02T03:04:06.010Z'),
    };
    await prisma.edgeResourceFile.create({ data: file });
    expect(
      await prisma.edgeResourceFile.findUniqueOrThrow({
        where: { resourceId_sha1: { resourceId: resource.id, sha1: file.sha1 } },
      }),
    ).toEqual(file);

    const request = {
      id: randomUUID(),
      zoneName: zone.name,
      sha1: file.sha1,
      size: file.size,
      resourceId: resource.id,
      state: enums.EdgeRequestState.failed,
      bytes: 2n ** 59n,
      error: 'file changed since it was announced (Zoë’s 🧪)',
      requestedBy: 'carol',
      createdAt: at('2017-01-02T03:04:07.011Z'),
      updatedAt: at('2017-01-02T03:04:08.012Z'),
      finishedAt: at('2017-01-02T03:04:09.013Z'),
    };
    await prisma.edgeRequest.create({ data: request });
    expect(await prisma.edgeRequest.findUniqueOrThrow({ where: { id: request.id } })).toEqual(request);
    const minimal = await prisma.edgeRequest.create({
      data: { zoneName: zone.name, sha1: hex(20), size: 1n, resourceId: resource.id, requestedBy: 'anonymous' },
    });
    expect(minimal).toMatchObject({ state: 'requested', bytes: 0n, error: null, finishedAt: null });
    expect(
      await prisma.edgeResource.findUniqueOrThrow({
        where: { id: resource.id },
        include: { files: true, requests: { orderBy: { createdAt: 'asc' } } },
      }),
    ).toMatchObject({ files: [file], requests: [request, { id: minimal.id }] });

    // A resource's files and requests go with it, and a zone's resources with the zone.
    await prisma.edgeResource.delete({ where: { id: resource.id } });
    expect(await prisma.edgeResourceFile.count({ where: { resourceId: resource.id } })).toBe(0);
    expect(await prisma.edgeRequest.count({ where: { resourceId: resource.id } })).toBe(0);
    await prisma.zone.delete({ where: { name: zone.name } });
    expect(await prisma.edgeResource.count({ where: { id: bobs.id } })).toBe(0);
  });

  test('nullable fields hold null and defaults are the schema’s', async () => {
    const before = Date.now() - 60_000;
    const user = await prisma.user.create({ data: { id: uniqueId('user') } });
    expect(user).toMatchObject({ githubId: null, name: null });
    expect(user.createdAt.getTime()).toBeGreaterThan(before);

    const zone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    expect(zone).toMatchObject({ ownerId: null, allowPublicUpload: false, allowPublicDownload: true });
    expect(await prisma.zoneMember.create({ data: { zoneName: zone.name, userId: user.id } })).toMatchObject({
      canUpload: false,
      canDownload: false,
      isAdmin: false,
    });

    const token = await prisma.apiToken.create({ data: { userId: user.id, tokenHash: hex(32), label: 'minimal' } });
    expect(token).toMatchObject({ scopes: [], lastUsedAt: null, expiresAt: null, revokedAt: null });
    expect(token.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).toEqual(token);
  });
});

describe('constraints', () => {
  test('unique constraints surface as P2002', async () => {
    const user = await prisma.user.create({ data: { id: uniqueId('user'), githubId: 424_242_424_242n } });
    await expectPrismaError(prisma.user.create({ data: { id: user.id } }), 'P2002');
    await expectPrismaError(
      prisma.user.create({ data: { id: uniqueId('user'), githubId: 424_242_424_242n } }),
      'P2002',
    );

    const sha256 = hex(32);
    await prisma.blob.create({ data: { sha1: hex(20), sha256, size: 1n } });
    await expectPrismaError(prisma.blob.create({ data: { sha1: hex(20), sha256, size: 1n } }), 'P2002');

    const zone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    await prisma.zoneMember.create({ data: { zoneName: zone.name, userId: user.id } });
    await expectPrismaError(prisma.zoneMember.create({ data: { zoneName: zone.name, userId: user.id } }), 'P2002');

    const clientId = hex(32);
    await prisma.client.create({ data: { zoneName: zone.name, clientId, ownerId: user.id, label: 'a' } });
    await expectPrismaError(
      prisma.client.create({ data: { zoneName: zone.name, clientId, ownerId: user.id, label: 'b' } }),
      'P2002',
    );
    // Registration is per zone: the same key may be registered in another zone.
    const otherZone = await prisma.zone.create({ data: { name: uniqueId('zone') } });
    await prisma.client.create({ data: { zoneName: otherZone.name, clientId, ownerId: user.id, label: 'c' } });

    const tokenHash = hex(32);
    await prisma.apiToken.create({ data: { userId: user.id, tokenHash, label: 'a' } });
    await expectPrismaError(prisma.apiToken.create({ data: { userId: user.id, tokenHash, label: 'b' } }), 'P2002');
  });

  test('foreign keys surface as P2003 and deletes follow the schema’s onDelete', async () => {
    await expectPrismaError(
      prisma.apiToken.create({ data: { userId: uniqueId('missing'), tokenHash: hex(32), label: 'x' } }),
      'P2003',
    );

    const owner = await prisma.user.create({ data: { id: uniqueId('user') } });
    const zone = await prisma.zone.create({ data: { name: uniqueId('zone'), ownerId: owner.id } });
    await prisma.zoneMember.create({ data: { zoneName: zone.name, userId: owner.id } });
    await prisma.client.create({ data: { zoneName: zone.name, clientId: hex(32), ownerId: owner.id, label: 'x' } });
    await prisma.apiToken.create({ data: { userId: owner.id, tokenHash: hex(32), label: 'x' } });

    await prisma.user.delete({ where: { id: owner.id } });
    expect(await prisma.zone.findUniqueOrThrow({ where: { name: zone.name } })).toMatchObject({ ownerId: null });
    expect(await prisma.zoneMember.count({ where: { zoneName: zone.name } })).toBe(0);
    expect(await prisma.client.count({ where: { zoneName: zone.name } })).toBe(0);
    expect(await prisma.apiToken.count({ where: { userId: owner.id } })).toBe(0);

    const member = await prisma.user.create({ data: { id: uniqueId('user') } });
    await prisma.zoneMember.create({ data: { zoneName: zone.name, userId: member.id } });
    await prisma.client.create({ data: { zoneName: zone.name, clientId: hex(32), ownerId: member.id, label: 'y' } });
    await prisma.zone.delete({ where: { name: zone.name } });
    expect(await prisma.zoneMember.count({ where: { userId: member.id } })).toBe(0);
    expect(await prisma.client.count({ where: { ownerId: member.id } })).toBe(0);
  });
});
