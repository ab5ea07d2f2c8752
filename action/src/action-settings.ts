import { FigurlError, quote } from '@figurl/sdk';

/** How the Action treats the pull request comment. */
export type CommentMode = 'auto' | 'off';

/** The Action's inputs, checked: what `action.yml` declares, typed. */
export interface ActionSettings {
  zoneUrl: string;
  /** Bearer token for the zone; undefined on an open zone. */
  zoneToken: string | undefined;
  /** Glob patterns, one per line (`@actions/glob` syntax, `!` excludes). */
  figures: string;
  labelPrefix: string;
  comment: CommentMode;
  /** For the comment and the App check; undefined skips both. */
  githubToken: string | undefined;
  /** Base of the figURLs; default: the zone's URL. */
  shellUrl: string;
}

/** The inputs as `core.getInput` returns them: trimmed, '' when unset. */
export type ActionInputs = Record<
  'zone-url' | 'token' | 'figures' | 'label-prefix' | 'comment' | 'github-token' | 'shell-url',
  string
>;

/**
 * Checks the Action's inputs once, at the edge. A bad value names the input and says what was
 * expected; the tokens' values are never echoed.
 *
 * @example
 * parseActionSettings({ 'zone-url': 'https://zone.example.org', figures: 'figures/*.json', comment: '', … });
 */
export function parseActionSettings(inputs: ActionInputs): ActionSettings {
  const zoneUrl = httpUrl(inputs['zone-url'], 'zone-url', true) as string;
  const shellUrl = httpUrl(inputs['shell-url'], 'shell-url', false) ?? zoneUrl;
  if (inputs.figures.trim() === '') {
    throw invalid('figures', 'missing', 'a glob such as "figures/**/*.json" (one pattern per line)');
  }
  const comment = inputs.comment === '' ? 'auto' : inputs.comment;
  if (comment !== 'auto' && comment !== 'off') throw invalid('comment', quote(comment), '"auto" or "off"');
  for (const name of ['token', 'github-token'] as const) {
    if (/\s/.test(inputs[name])) throw invalid(name, '(value not shown)', 'a token without spaces or line breaks');
  }
  return {
    zoneUrl,
    zoneToken: inputs.token === '' ? undefined : inputs.token,
    figures: inputs.figures,
    labelPrefix: inputs['label-prefix'],
    comment,
    githubToken: inputs['github-token'] === '' ? undefined : inputs['github-token'],
    shellUrl,
  };
}

function httpUrl(value: string, name: string, required: boolean): string | undefined {
  if (value === '') {
    if (required) throw invalid(name, 'missing', 'an http:// or https:// URL such as "https://zone.example.org"');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(name, quote(value), 'an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(name, quote(value), 'an http:// or https:// URL');
  return value;
}

function invalid(name: string, shown: string, expected: string): FigurlError {
  return new FigurlError('INVALID_REQUEST', `invalid input ${name} ${shown}: expected ${expected}`);
}
