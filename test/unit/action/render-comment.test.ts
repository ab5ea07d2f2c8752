import { describe, expect, it } from 'vitest';
import { findStickyComment, stickyMarker } from '../../../action/src/find-sticky-comment.js';
import type { PublishedFile } from '../../../action/src/publish-figure-file.js';
import { maxCommentLength, renderComment } from '../../../action/src/render-comment.js';
import { summaryRows } from '../../../action/src/summary-rows.js';

const figure = (i: number, extra: Partial<PublishedFile> = {}): PublishedFile => ({
  label: `figures/plot-${i}.json`,
  url: `https://shell.example.org/f?v=gs://figurl/vegalite-2&d=sha1://${String(i).padStart(40, '0')}&label=plot-${i}`,
  file: `figures/plot-${i}.json`,
  kind: 'vega-lite',
  ...extra,
});

describe('findStickyComment', () => {
  it('finds the last comment that starts with the marker, wherever it sits among the others', () => {
    const comments = [
      ...Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i}` })),
      { id: 500, body: `${stickyMarker}\nold` },
      { id: 501, body: 'LGTM' },
      { id: 502, body: `\n${stickyMarker}\nnewer` },
    ];
    expect(findStickyComment(comments)?.id).toBe(502);
  });

  it('ignores comments that only quote the marker, and empty bodies', () => {
    expect(findStickyComment([{ id: 1, body: `> ${stickyMarker}` }, { id: 2, body: null }, { id: 3 }])).toBeNull();
  });
});

describe('renderComment', () => {
  it('starts with the marker and lists each figure with its link and kind, the commit and the run', () => {
    const body = renderComment({
      figures: [figure(1), figure(2, { kind: 'markdown', label: 'notes | draft' })],
      failures: [{ file: 'bad.json', message: 'invalid JSON in "bad.json": <oops>' }],
      commitSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      runUrl: 'https://github.com/octo/lab/actions/runs/42',
    });
    expect(body.startsWith(`${stickyMarker}\n### figurl: 2 figures`)).toBe(true);
    expect(body).toContain(`| figures/plot-1.json | [open](${figure(1).url}) | vega-lite |`);
    expect(body).toContain('| notes \\| draft |');
    expect(body).toContain('commit ec26c3e · [workflow run](https://github.com/octo/lab/actions/runs/42)');
    expect(body).toContain('**1 file failed:**\n\n- `bad.json`: invalid JSON in "bad.json": &lt;oops&gt;');
  });

  it('stays under GitHub’s 65,536-character limit with thousands of figures, counting those left out', () => {
    const figures = Array.from({ length: 3000 }, (_, i) => figure(i));
    const body = renderComment({ figures, failures: [] });
    expect(body.length).toBeLessThanOrEqual(maxCommentLength);
    const shown = body.split('\n').filter((line) => line.startsWith('| figures/')).length;
    expect(shown).toBeGreaterThan(100);
    expect(body).toContain(`…and ${3000 - shown} more figures: see the job summary.`);
  });

  it('truncates even when the failures alone are too long', () => {
    const failures = Array.from({ length: 1000 }, (_, i) => ({ file: `f${i}.json`, message: 'x'.repeat(200) }));
    const body = renderComment({ figures: [figure(1)], failures }, 5000);
    expect(body.length).toBeLessThanOrEqual(5000);
    expect(body.startsWith(stickyMarker)).toBe(true);
  });
});

describe('summaryRows', () => {
  it('gives a header and one escaped row per figure, without a preview column when no figure is an image', () => {
    const rows = summaryRows([figure(1, { label: '<b>loss</b>' })]);
    expect(rows[0]).toEqual([
      { data: 'Figure', header: true },
      { data: 'Link', header: true },
      { data: 'Kind', header: true },
    ]);
    expect(rows[1]?.[0]).toEqual({ data: '&lt;b&gt;loss&lt;/b&gt;' });
    expect(rows[1]?.[1]?.data).toBe(`<a href="${figure(1).url.replace(/&/g, '&amp;')}">open</a>`);
  });

  it('adds thumbnails only for figures with an image URL', () => {
    const image = 'http://zone.test/sha1/0123456789012345678901234567890123456789';
    const rows = summaryRows([figure(1), figure(2, { kind: 'file', file: 'plot.png', imageUrl: image })]);
    expect(rows[0]?.map((c) => c.data)).toEqual(['Figure', 'Link', 'Kind', 'Preview']);
    expect(rows[1]?.[3]?.data).toBe('');
    expect(rows[2]?.[3]?.data).toBe(`<img src="${image}" alt="figures/plot-2.json" width="160">`);
  });
});
