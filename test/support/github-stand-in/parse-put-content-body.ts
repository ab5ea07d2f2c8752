import { docs, toErrorResponse } from './responses.js';
import type { StandInResponse } from './route-table.js';
import { toGitHubDate } from './state.js';

export interface PutContentBody {
  message: string;
  bytes: Buffer;
  sha?: string;
  branch?: string;
  author?: { name: string; email: string; date?: string };
  committer?: { name: string; email: string; date?: string };
}

/**
 * The PUT body checked as GitHub's schema validation words it: 400 "Problems parsing JSON",
 * 422 `Invalid request.\n\n"content" wasn't supplied.` or `For 'properties/sha', 1 is not a string.`
 */
export function parsePutContentBody(body: Buffer): PutContentBody | StandInResponse {
  const invalid = (detail: string) => toErrorResponse(422, `Invalid request.\n\n${detail}`, docs.putContent);
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return toErrorResponse(400, 'Problems parsing JSON', docs.putContent);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return invalid('Body should be a JSON object.');
  const fields = input as Record<string, unknown>;
  const missing = ['message', 'content'].filter((key) => fields[key] === undefined);
  if (missing.length === 1) return invalid(`"${missing[0]}" wasn't supplied.`);
  if (missing.length > 1) return invalid(`${missing.map((key) => `"${key}"`).join(', ')} weren't supplied.`);
  for (const key of ['message', 'content', 'sha', 'branch']) {
    const value = fields[key];
    if (value !== undefined && typeof value !== 'string') {
      return invalid(`For 'properties/${key}', ${value === null ? 'nil' : JSON.stringify(value)} is not a string.`);
    }
  }
  const people: Pick<PutContentBody, 'author' | 'committer'> = {};
  for (const key of ['author', 'committer'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    const person = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    for (const part of ['name', 'email']) {
      if (typeof person[part] !== 'string') return invalid(`"${part}" wasn't supplied.`);
    }
    const date = person.date;
    if (date !== undefined && (typeof date !== 'string' || Number.isNaN(Date.parse(date)))) {
      return invalid(`For 'properties/${key}/properties/date', ${JSON.stringify(date)} is not a date-time.`);
    }
    people[key] = {
      name: String(person.name),
      email: String(person.email),
      ...(date === undefined ? {} : { date: toGitHubDate(Date.parse(String(date))) }),
    };
  }
  const content = String(fields.content).replace(/[\r\n]/g, '');
  if (!/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(content)) {
    return toErrorResponse(422, 'content is not valid Base64', docs.putContent);
  }
  return {
    message: String(fields.message),
    bytes: Buffer.from(content, 'base64'),
    ...(fields.sha === undefined ? {} : { sha: String(fields.sha) }),
    ...(fields.branch === undefined ? {} : { branch: String(fields.branch) }),
    ...people,
  };
}
