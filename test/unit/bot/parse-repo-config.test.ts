import { describe, expect, it } from 'vitest';
import { parseCommand, renderHelp } from '../../../bot/src/commands/parse-command.js';
import { parseRepoConfig } from '../../../bot/src/config/parse-repo-config.js';

const defaults = {
  comment: { enabled: true, key: 'figures' },
  checks: { enabled: true },
  curation: { path: 'curations/{curationId}.json', branch: null },
};

describe('parseRepoConfig', () => {
  it('gives the defaults without a file, for an empty file and for partial files', () => {
    expect(parseRepoConfig(null)).toEqual({ ok: true, config: defaults });
    expect(parseRepoConfig('')).toEqual({ ok: true, config: defaults });
    expect(parseRepoConfig('checks:\n  enabled: false\n')).toEqual({
      ok: true,
      config: { ...defaults, checks: { enabled: false } },
    });
    expect(parseRepoConfig('curation:\n  branch: figurl/snapshots\n')).toMatchObject({
      ok: true,
      config: { curation: { path: 'curations/{curationId}.json', branch: 'figurl/snapshots' } },
    });
  });

  it('names the bad field, quotes the value and says what was expected', () => {
    expect(parseRepoConfig('comment:\n  enabled: "yes"\n')).toEqual({
      ok: false,
      message: 'invalid .github/figurl.yml: comment.enabled "yes": expected boolean',
    });
    const typo = parseRepoConfig('comments:\n  enabled: false\n');
    expect(typo).toEqual({ ok: false, message: 'invalid .github/figurl.yml: unexpected field "comments"' });
    const path = parseRepoConfig('curation:\n  path: ../secrets/{curationId}.json\n');
    expect(path.ok === false && path.message).toContain('curation.path "../secrets/{curationId}.json"');
    const key = parseRepoConfig('comment:\n  key: "x --> <script>"\n');
    expect(key.ok === false && key.message).toContain('comment.key');
  });

  it('reports YAML that does not parse with its line', () => {
    const result = parseRepoConfig('comment:\n  enabled: true\n   key: [\n');
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(/^invalid \.github\/figurl\.yml: not YAML at line \d+/);
  });
});

describe('parseCommand', () => {
  it('reads the command on the first line only', () => {
    expect(parseCommand('/figurl pin')).toEqual({ name: 'pin' });
    expect(parseCommand('  /figurl ARCHIVE \nthanks')).toEqual({ name: 'archive' });
    expect(parseCommand('/figurl')).toEqual({ name: 'help' });
    expect(parseCommand('/figurl frobnicate')).toEqual({ name: 'unknown', word: 'frobnicate' });
    expect(parseCommand('LGTM\n/figurl pin')).toBeNull();
    expect(parseCommand('/figurls pin')).toBeNull();
    expect(parseCommand('/figurl toString')).toEqual({ name: 'unknown', word: 'tostring' });
  });

  it('lists every command in the help', () => {
    const help = renderHelp();
    for (const name of ['help', 'pin', 'archive']) expect(help).toContain(`/figurl ${name}`);
  });
});
