import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gitBlobSha } from '../../../bot/src/snapshots/git-blob-sha.js';
import { createSnapshotStateFile } from '../../../bot/src/snapshots/snapshot-state-file.js';
import { toSnapshotBranch } from '../../../bot/src/snapshots/to-snapshot-branch.js';
import { toSnapshotMessage } from '../../../bot/src/snapshots/to-snapshot-message.js';
import { toSnapshotPath } from '../../../bot/src/snapshots/to-snapshot-path.js';

describe('snapshot names', () => {
  test('the commit message names the curation, its version and each curator once, in order', () => {
    expect(toSnapshotMessage({ curationId: 'abcdefghijkl', version: 12, curators: ['alice', 'bob', 'alice'] })).toBe(
      'figurl: curation abcdefghijkl v12 by alice, bob\n\n[skip ci]',
    );
    expect(toSnapshotMessage({ curationId: 'abcdefghijkl', version: 1, curators: [] })).toBe(
      'figurl: curation abcdefghijkl v1\n\n[skip ci]',
    );
  });

  test('the path template takes the curation id; the default is curations/<id>.json', () => {
    expect(toSnapshotPath(undefined, 'abc')).toBe('curations/abc.json');
    expect(toSnapshotPath('data/{curationId}/c-{curationId}.json', 'abc')).toBe('data/abc/c-abc.json');
    expect(toSnapshotBranch('abc')).toBe('figurl/curation-abc');
  });

  test('the blob sha is the one git computes for the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'figurl-blob-'));
    try {
      const text = '{"isClosed":false,"labelsByUnit":{"1":["noise"]},"mergeGroups":[["2","10"]]}';
      await writeFile(join(dir, 'c.json'), text);
      const git = execFileSync('git', ['hash-object', join(dir, 'c.json')], { encoding: 'utf8' }).trim();
      expect(gitBlobSha(text)).toBe(git);
      expect(gitBlobSha('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot state file', () => {
  test('starts empty, round-trips, and refuses a file it did not write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'figurl-state-'));
    try {
      const file = join(dir, 'nested', 'state.json');
      const store = createSnapshotStateFile(file);
      expect(await store.load()).toEqual({ after: 0, versions: {}, pending: [] });
      await store.save({ after: 42, versions: { abc: 7 }, pending: ['def'] });
      expect(await store.load()).toEqual({ after: 42, versions: { abc: 7 }, pending: ['def'] });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ after: 42, versions: { abc: 7 }, pending: ['def'] });
      await writeFile(file, '{"after":-1}');
      await expect(store.load()).rejects.toThrow(/invalid snapshot state/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
