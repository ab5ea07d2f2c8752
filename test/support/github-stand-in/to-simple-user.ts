import type { StandInUser } from './state.js';

/**
 * The "simple-user" object GitHub embeds wherever it names an account (repository owner, commit
 * author, comment user), with URLs pointing at the stand-in.
 *
 * @example
 * toSimpleUser(state.getUser('alice'), baseUrl).avatar_url; // 'http://127.0.0.1:…/avatars/u/1001?v=4'
 */
export function toSimpleUser(user: StandInUser, baseUrl: string) {
  const api = `${baseUrl}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `${baseUrl}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${baseUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}
