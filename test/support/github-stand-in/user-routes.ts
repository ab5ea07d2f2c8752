import { docs, toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { toSimpleUser } from './to-simple-user.js';

// A 1×1 transparent PNG, so pages that show avatar_url load an image without leaving loopback.
const avatarPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The signed-in account: GET /user, and avatars.githubusercontent.com for its picture. */
export function userRoutes({ state, baseUrl }: RouteContext): Route[] {
  // "Get the authenticated user" (REST, Users): the private-user object; 401 "Requires
  // authentication" without a token (a bad token is refused earlier with "Bad credentials").
  function getAuthenticatedUser({ auth }: StandInRequest): StandInResponse {
    if (auth === null) return toErrorResponse(401, 'Requires authentication', docs.getAuthenticatedUser);
    const { user } = auth;
    const publicRepos = [...state.repos.values()].filter((repo) => repo.owner === user && !repo.private).length;
    return {
      status: 200,
      json: {
        ...toSimpleUser(user, baseUrl),
        user_view_type: 'private',
        name: user.name,
        company: null,
        blog: '',
        location: null,
        email: user.email,
        hireable: null,
        bio: null,
        twitter_username: null,
        notification_email: user.email,
        public_repos: publicRepos,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: user.createdAt,
        updated_at: user.createdAt,
      },
    };
  }

  function getAvatar(): StandInResponse {
    return { status: 200, headers: { 'content-type': 'image/png' }, body: avatarPng };
  }

  return [
    { method: 'GET', path: '/user', host: 'api', handle: getAuthenticatedUser },
    { method: 'GET', path: '/avatars/u/:id', host: 'avatars', handle: getAvatar },
  ];
}
