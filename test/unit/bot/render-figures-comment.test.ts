import type { FigureRecord } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell, toSafeLinkUrl } from '../../../bot/src/comment/escape-markdown.js';
import { findStickyComment } from '../../../bot/src/comment/find-sticky-comment.js';
import { renderCheckSummary } from '../../../bot/src/comment/render-check-summary.js';
import { maxCommentLength, renderFiguresComment } from '../../../bot/src/comment/render-figures-comment.js';
import { type FigureRow, toFigureRows } from '../../../bot/src/figures/to-figure-rows.js';

const headSha = 'a'.repeat(40);
const row = (label: string, extra: Partial<FigureRow> = {}): FigureRow => ({
  label,
  url: `https://figurl.test/f?v=vegalite&d=sha1://${'b'.repeat(40)}&label=${encodeURIComponent(label)}`,
  thumbnailUrl: null,
  baseUrl: null,
  ...extra,
});

function figure(overrides: Partial<FigureRecord>): FigureRecord {
  return {
    id: crypto.randomUUID(),
    zone: 'default',
    viewUri: 'gs://figurl/vegalite-2',
    dataUri: `sha1://${'c'.repeat(40)}`,
    dataSha1: 'c'.repeat(40),
    label: 'chart',
    owner: 'anonymous',
    repo: 'octo/lab',
    pullRequest: 12,
    commitSha: headSha,
    checkName: null,
    pinned: false,
    private: false,
    allowedUsers: [],
    expiresAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('renderFiguresComment', () => {
  it('starts with the marker and lists each figure with its figURL and the commit', () => {
    const body = renderFiguresComment({ key: 'figures', rows: [row('stocks'), row('spikes')], headSha, base: null });
    expect(body.startsWith('<!-- figurl:figures -->\n')).toBe(true);
    expect(body).toContain('2 figures for `aaaaaaa`');
    expect(body).toContain('| stocks | [open](https://figurl.test/f?v=vegalite');
    expect(body).toContain(`Commit ${headSha}`);
    expect(body).not.toContain('more figure');
    expect(body).not.toContain('Base vs head');
  });

  it('adds base-vs-head links and previews only when some figure has them', () => {
    const rows = [
      row('a', { baseUrl: 'https://figurl.test/f?v=x&d=base', thumbnailUrl: 'https://zone.test/sha1/abc' }),
      row('b'),
    ];
    const body = renderFiguresComment({ key: 'k', rows, headSha, base: { ref: 'main', sha: 'd'.repeat(40) } });
    expect(body).toContain('| Figure | figURL | Preview | Base vs head |');
    expect(body).toContain('[base](https://figurl.test/f?v=x&d=base) → [head](');
    expect(body).toContain('![a](https://zone.test/sha1/abc)');
    expect(body).toContain('compared with `main` at `ddddddd`');
  });

  it('truncates rows to stay under 65,536 characters, keeping the marker and counting the rest', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`figure ${i} ${'x'.repeat(150)}`));
    const body = renderFiguresComment({ key: 'figures', rows, headSha, base: null });
    expect(body.length).toBeLessThanOrEqual(maxCommentLength);
    expect(body.startsWith('<!-- figurl:figures -->')).toBe(true);
    const shown = body.split('\n').filter((line) => line.startsWith('| figure ')).length;
    expect(shown).toBeGreaterThan(50);
    expect(body).toContain(`_… ${2000 - shown} more figures not shown_`);
    expect(body).toContain(`Commit ${headSha}`);
  });

  it('shows a row whose figURL is megabytes long without its link', () => {
    const huge = row('inline', { url: `https://figurl.test/f?v=x&d=data:${'A'.repeat(100_000)}` });
    const body = renderFiguresComment({ key: 'figures', rows: [huge], headSha, base: null });
    expect(body.length).toBeLessThan(2000);
    expect(body).toContain('figURL too long to show here');
  });

  it('says when there are no figures for the commit', () => {
    expect(renderFiguresComment({ key: 'figures', rows: [], headSha, base: null })).toContain(
      'No figures are registered for commit `aaaaaaa` yet.',
    );
  });

  it('keeps the check summary under 65,535 characters', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`figure ${i} ${'y'.repeat(150)}`));
    const { title, summary } = renderCheckSummary(rows);
    expect(title).toBe('2000 figures');
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/more figures not shown/);
  });
});

describe('escaping uploader text', () => {
  it('makes labels inert: no HTML, mentions, links or table breaks', () => {
    const cell = escapeMarkdownCell('a | b <img src=x> @team [x](javascript:y)\nnext');
    expect(cell).not.toMatch(/<|@|\n|(?<!\\)\||(?<!\\)\[/);
    expect(cell).toContain('&lt;img');
    expect(cell).toContain('&#64;team');
  });

  it('allows only http(s) links and encodes characters that end a destination', () => {
    expect(toSafeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(toSafeLinkUrl('https://x.test/f?v=a b|c)')).toBe('https://x.test/f?v=a%20b%7Cc%29');
  });
});

describe('findStickyComment', () => {
  const marker = '<!-- figurl:figures -->';
  it('finds the oldest comment with the marker written by the app, not copies by others', () => {
    const comments = [
      { id: 1, body: `quoting ${marker}`, user: { login: 'mallory' } },
      { id: 2, body: 'hello', user: { login: 'figurl[bot]' } },
      { id: 3, body: `${marker}\nfigures`, user: { login: 'figurl[bot]' } },
      { id: 4, body: `${marker}\nagain`, user: { login: 'figurl[bot]' } },
    ];
    expect(findStickyComment(comments, marker, 'figurl[bot]')?.id).toBe(3);
    expect(findStickyComment(comments, '<!-- figurl:other -->', 'figurl[bot]')).toBeNull();
  });
});

describe('toFigureRows', () => {
  it('keeps the newest figure per label in first-made order and links the base figure of the same label', () => {
    const rows = toFigureRows({
      head: [
        figure({ label: 'b', createdAt: '2026-01-01T00:00:02.000Z' }),
        figure({ label: 'a', createdAt: '2026-01-01T00:00:01.000Z', dataUri: `sha1://${'1'.repeat(40)}` }),
        figure({ label: 'a', createdAt: '2026-01-01T00:00:03.000Z', dataUri: `sha1://${'2'.repeat(40)}` }),
        figure({ label: 'plot.png', createdAt: '2026-01-01T00:00:04.000Z', zone: 'lab' }),
      ],
      base: [figure({ label: 'b', dataUri: `sha1://${'3'.repeat(40)}` })],
      shellUrl: 'https://figurl.test/',
      zoneUrl: 'https://zone.test',
    });
    expect(rows.map((r) => r.label)).toEqual(['b', 'a', 'plot.png']);
    expect(rows[1]?.url).toContain(`d=sha1://${'2'.repeat(40)}`);
    expect(rows[0]?.baseUrl).toContain(`d=sha1://${'3'.repeat(40)}`);
    expect(rows[1]?.baseUrl).toBeNull();
    expect(rows[2]?.thumbnailUrl).toBe(`https://zone.test/sha1/${'c'.repeat(40)}?zone=lab`);
    expect(rows[2]?.url).toContain('zone=lab');
    expect(rows[0]?.thumbnailUrl).toBeNull();
  });
});
