import {
  deleteFigureResponseSchema,
  type FigureRecord,
  FigurlError,
  figureSchema,
  listFiguresQuerySchema,
  listFiguresResponseSchema,
  parseWith,
  registerFigureRequestSchema,
  registerFigureResponseSchema,
  updateFigureRequestSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/authorize.js';
import { authorizeRequest } from '../auth/authorize-request.js';
import { findReadableRepos } from '../auth/find-readable-repos.js';
import { readsAsZoneAdmin } from '../auth/reads-as-zone-admin.js';
import { canSeeFigure } from '../figures/can-see-figure.js';
import { parseFigureCursor, toFigureCursor } from '../figures/figure-cursor.js';
import { registerFigure } from '../figures/register-figure.js';
import type { ZoneContext } from '../zone-context.js';

/**
 * The most repositories of private figures one list asks GitHub about for its reader (each
 * answer is cached for a minute); private figures of further repositories stay out of the list
 * but open by id.
 */
const maxReposAskedPerList = 100;

const figureParamsSchema = z.strictObject({ id: z.uuid('expected a figure id (a UUID)') });

/**
 * The figures registry (docs/protocol.md §6): every figURL made through the sdk, with its owner,
 * GitHub context, pin, expiry and privacy. Registering, changing and deleting need the zone's
 * upload right (changes: the owner only); reading needs its download right, and private figures
 * are seen by their owner, allowed users and zone admins alone.
 */
export async function figureRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.post('/api/v1/figures', async (request, reply) => {
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const body = parseWith(registerFigureRequestSchema, request.body, 'figure');
    const { actor } = await authorizeRequest(context, request, zone, 'upload');
    const registered = await registerFigure(context, { zoneName: zone, actor, request: body });
    return reply.status(201).send(registerFigureResponseSchema.parse(registered));
  });

  app.get('/api/v1/figures', async (request) => {
    const query = parseWith(listFiguresQuerySchema, request.query, 'figure list query');
    const { actor, zone } = await authorizeRequest(context, request, query.zone, 'download');
    const reader = actor.via === 'anonymous' ? null : actor.userId;
    const readerIsAdmin = readsAsZoneAdmin(actor, zone);
    const readableRepos =
      reader === null || readerIsAdmin || context.repoPermissions === undefined
        ? []
        : await findReadableRepos(
            context.repoPermissions,
            reader,
            await context.figures.listHiddenRepos({
              zoneName: zone.name,
              reader,
              repo: query.repo,
              now: context.now(),
              limit: maxReposAskedPerList,
            }),
            // A list shows less while GitHub does not answer, rather than failing for everyone.
            { unavailable: 'skip' },
          );
    const figures = await context.figures.list({
      zoneName: zone.name,
      owner: query.owner,
      repo: query.repo,
      pullRequest: query.pullRequest,
      label: query.label,
      reader,
      readerIsAdmin,
      readableRepos: [...readableRepos],
      now: context.now(),
      after: query.cursor === undefined ? undefined : parseFigureCursor(query.cursor),
      // One more than asked: whether it comes says whether there is a next page.
      limit: query.limit + 1,
    });
    const page = figures.slice(0, query.limit);
    const last = page.at(-1);
    return listFiguresResponseSchema.parse({
      figures: page,
      nextCursor: figures.length > query.limit && last ? toFigureCursor(last) : null,
    });
  });

  app.get('/api/v1/figures/:id', async (request) => {
    const { figure } = await findFigure(context, request, 'download');
    return figureSchema.parse(figure);
  });

  app.patch('/api/v1/figures/:id', async (request) => {
    const changes = parseWith(updateFigureRequestSchema, request.body, 'figure changes');
    const { figure, actor } = await findOwnFigure(context, request);
    if (changes.private === true && actor.via === 'anonymous') {
      throw new FigurlError(
        'UNAUTHORIZED',
        'a private figure needs an owner who signs in: expected a bearer token (anonymous figures are public)',
      );
    }
    const now = context.now();
    const expiresAt =
      changes.expiresAt === undefined || changes.expiresAt === null ? null : new Date(changes.expiresAt);
    if (expiresAt !== null && expiresAt <= now) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid figure changes: expiresAt ${JSON.stringify(changes.expiresAt)} has passed: expected a time after ${now.toISOString()}, or null`,
      );
    }
    const updated = await context.figures.update(figure.id, {
      label: changes.label,
      pinned: changes.pinned,
      private: changes.private,
      allowedUsers: changes.allowedUsers,
      expiresAt: changes.expiresAt === undefined ? undefined : expiresAt,
    });
    if (!updated) throw notFound(figure.id, figure.zone);
    return figureSchema.parse(updated);
  });

  app.delete('/api/v1/figures/:id', async (request) => {
    const { figure } = await findOwnFigure(context, request);
    const deletedAt = await context.figures.softDelete(figure.id, context.now());
    if (!deletedAt) throw notFound(figure.id, figure.zone);
    return deleteFigureResponseSchema.parse({ id: figure.id, deletedAt: deletedAt.toISOString() });
  });
}

/** The figure the request names, if the actor may see it; NOT_FOUND otherwise (private ones stay hidden). */
async function findFigure(context: ZoneContext, request: FastifyRequest, action: 'download' | 'upload') {
  const { id } = parseWith(figureParamsSchema, request.params, 'figure URL');
  const { zone: zoneName } = parseWith(zoneQuerySchema, request.query, 'query');
  const { actor, zone } = await authorizeRequest(context, request, zoneName, action);
  const figure = await context.figures.find(id);
  if (
    !figure ||
    figure.zone !== zone.name ||
    !(await canSeeFigure(figure, actor, {
      isAdmin: readsAsZoneAdmin(actor, zone),
      repoPermissions: context.repoPermissions,
    }))
  ) {
    throw notFound(id, zone.name);
  }
  return { figure, actor, zone };
}

/**
 * The figure the request names, once the actor is its owner or an admin of its zone acting with
 * an admin token (the GitHub App pins a pull request's figures for whoever made them).
 */
async function findOwnFigure(
  context: ZoneContext,
  request: FastifyRequest,
): Promise<{ figure: FigureRecord; actor: Actor }> {
  const { figure, actor, zone } = await findFigure(context, request, 'upload');
  const zoneAdmin =
    actor.via !== 'anonymous' &&
    zone.members.get(actor.userId)?.isAdmin === true &&
    (actor.scopes === undefined || actor.scopes.includes('admin'));
  if (figure.owner !== actor.userId && !zoneAdmin) {
    throw new FigurlError(
      'FORBIDDEN',
      `figure ${figure.id} belongs to ${JSON.stringify(figure.owner)}: only its owner or a zone admin (with an admin token) may change or delete it (you are ${JSON.stringify(actor.userId)})`,
    );
  }
  return { figure, actor };
}

function notFound(id: string, zone: string): FigurlError {
  return new FigurlError('NOT_FOUND', `no figure ${id} in zone ${JSON.stringify(zone)}`);
}
