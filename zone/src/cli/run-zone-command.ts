import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, createPrismaClient, startDatabase } from '@figurl/prisma';
import { calendarDaySchema, clientIdSchema, FigurlError, parseWith } from '@figurl/sdk';
import { z } from 'zod';
import { hashToken, newTokenText } from '../auth/resolve-token.js';
import { parseZoneConfig } from '../config.js';
import { createIdentityRepository, type IdentityRepository } from '../repositories/identity-repository.js';
import { createUsageRepository } from '../repositories/usage-repository.js';
import { collectGarbageCommand } from './collect-garbage-command.js';
import { serveZone } from './serve-zone.js';

export interface ZoneCommandIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const zoneUsage = `usage:
  figurl zone [--host 127.0.0.1] [--port 4100] [--data .figurl]     run a zone in the foreground
  figurl zone add-client <clientId> --owner <login> [--zone default] [--label L]
  figurl zone grant <login> [--zone default] [--upload] [--download] [--admin]
  figurl zone token create --owner <login> --scope upload[,download,admin,delegate] [--label L] [--expires-days N]
  figurl zone token revoke <tokenId>
  figurl zone usage [--zone default] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  figurl zone gc [--dry-run] [--grace 24h]                          collect unpinned, unreferenced blobs
Admin commands use DATABASE_URL, or the embedded database under --data (shared with a running zone).`;

/** `delegate`: the token may act for any user named in `x-figurl-acting-for` (a shell for its users). */
const scopeSchema = z.enum(['upload', 'download', 'admin', 'delegate']);

/**
 * `figurl zone …`: runs a zone, or administers its identities directly in its database.
 * Returns the exit code; errors are FigurlErrors with one-line messages.
 */
export async function runZoneCommand(argv: string[], io: ZoneCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      owner: { type: 'string' },
      zone: { type: 'string', default: 'default' },
      label: { type: 'string', default: '' },
      scope: { type: 'string' },
      'expires-days': { type: 'string' },
      upload: { type: 'boolean', default: false },
      download: { type: 'boolean', default: false },
      admin: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      grace: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${zoneUsage}\n`);
    return 0;
  }
  const config = parseZoneConfig({
    ...io.env,
    ...(values.host === undefined ? {} : { FIGURL_HOST: values.host }),
    ...(values.port === undefined ? {} : { FIGURL_PORT: values.port }),
    ...(values.data === undefined ? {} : { FIGURL_DATA_DIR: values.data }),
    ...(values.grace === undefined ? {} : { FIGURL_GC_GRACE: values.grace }),
  });
  const [command, ...rest] = positionals;
  if (command === undefined) {
    await serveZone(config, (line) => io.stderr(`figurl: ${line}\n`));
    return 0;
  }
  const database = await startDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'postgres'),
    shareRunning: true,
  });
  const prisma = createPrismaClient({ databaseUrl: database.url, max: 2 });
  try {
    await applyMigrations({ databaseUrl: database.url });
    const identities = createIdentityRepository(prisma);
    const zone = values.zone;
    switch (command) {
      case 'add-client': {
        const clientId = parseWith(clientIdSchema, rest[0], 'client ID');
        const owner = required(values.owner, '--owner <login>');
        await mustHaveZone(identities, zone);
        await identities.addClient({ zoneName: zone, clientId, ownerId: owner, label: values.label });
        io.stdout(`registered client ${clientId} in zone ${zone} for user ${owner}\n`);
        return 0;
      }
      case 'grant': {
        const user = required(rest[0], '<login>');
        await mustHaveZone(identities, zone);
        await identities.setMember({
          zoneName: zone,
          userId: user,
          canUpload: values.upload,
          canDownload: values.download,
          isAdmin: values.admin,
        });
        io.stdout(
          `user ${user} in zone ${zone}: upload=${values.upload} download=${values.download} admin=${values.admin}\n`,
        );
        return 0;
      }
      case 'token':
        return await tokenCommand(identities, rest, values, io);
      case 'usage': {
        const today = new Date().toISOString().slice(0, 10);
        const from = parseWith(calendarDaySchema, values.from ?? `${today.slice(0, 8)}01`, '--from');
        const to = parseWith(calendarDaySchema, values.to ?? today, '--to');
        const rows = await createUsageRepository(prisma).list({ zoneName: zone, from, to });
        for (const row of rows) io.stdout(`${JSON.stringify(row)}\n`);
        return 0;
      }
      case 'gc':
        return await collectGarbageCommand(prisma, config, { dryRun: values['dry-run'], stdout: io.stdout });
      default:
        throw new FigurlError(
          'INVALID_REQUEST',
          `unknown command "figurl zone ${command}": expected add-client, grant, token, usage or gc`,
        );
    }
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

async function tokenCommand(
  identities: IdentityRepository,
  rest: string[],
  values: {
    owner?: string | undefined;
    scope?: string | undefined;
    label: string;
    'expires-days'?: string | undefined;
  },
  io: ZoneCommandIo,
): Promise<number> {
  if (rest[0] === 'create') {
    const owner = required(values.owner, '--owner <login>');
    const scopes = required(values.scope, '--scope upload[,download,admin,delegate]')
      .split(',')
      .map((s) => parseWith(scopeSchema, s.trim(), '--scope'));
    const days =
      values['expires-days'] === undefined
        ? undefined
        : parseWith(z.coerce.number().int().positive(), values['expires-days'], '--expires-days');
    const token = newTokenText();
    const id = await identities.createToken({
      userId: owner,
      tokenHash: hashToken(token),
      label: values.label,
      scopes,
      ...(days === undefined ? {} : { expiresAt: new Date(Date.now() + days * 86_400_000) }),
    });
    io.stderr(`token ${id} for ${owner} (${scopes.join(', ')}); shown once, store it now (e.g. as FIGURL_TOKEN):\n`);
    io.stdout(`${token}\n`);
    return 0;
  }
  if (rest[0] === 'revoke') {
    const id = parseWith(z.uuid(), rest[1], 'token id');
    if (!(await identities.revokeToken(id))) throw new FigurlError('NOT_FOUND', `no active token ${id}`);
    io.stdout(`revoked token ${id}\n`);
    return 0;
  }
  throw new FigurlError(
    'INVALID_REQUEST',
    `unknown command "figurl zone token ${rest[0] ?? ''}": expected create or revoke`,
  );
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new FigurlError('INVALID_REQUEST', `missing ${what}`);
  return value;
}

async function mustHaveZone(identities: IdentityRepository, zone: string): Promise<void> {
  // "default" always exists on a running zone; create it (closed) so admins can prepare first.
  if (zone === 'default')
    await identities.ensureZone('default', { allowPublicUpload: false, allowPublicDownload: true });
  if (!(await identities.findZone(zone))) {
    throw new FigurlError(
      'NOT_FOUND',
      `no zone ${JSON.stringify(zone)}: expected a zone the server created (start it once)`,
    );
  }
}
