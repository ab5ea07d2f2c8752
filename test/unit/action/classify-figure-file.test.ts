import { type CanonicalJsonValue, canonicalJson } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { classifyFigureFile } from '../../../action/src/classify-figure-file.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('classifyFigureFile', () => {
  it('takes a JSON object with a vega-lite $schema, or a mark/layer/concat, as a Vega-Lite spec', () => {
    const withSchema = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', data: { values: [] } };
    expect(classifyFigureFile('a.json', bytes(JSON.stringify(withSchema)))).toEqual({
      kind: 'vega-lite',
      spec: withSchema,
    });
    for (const key of ['mark', 'layer', 'hconcat', 'facet', 'repeat']) {
      expect(classifyFigureFile('b.vl.JSON', bytes(JSON.stringify({ [key]: 'bar' }))).kind).toBe('vega-lite');
    }
  });

  it('takes a JSON object with a string "type" as a sortingview layout or view', () => {
    for (const type of ['Box', 'Splitter', 'TabLayout', 'Mountain', 'MountainLayout', 'RasterPlot']) {
      expect(classifyFigureFile('layout.json', bytes(JSON.stringify({ type, items: [] }))).kind).toBe('sortingview');
    }
  });

  it('takes .md and .markdown files as Markdown, with their text', () => {
    expect(classifyFigureFile('notes.md', bytes('# Run 7\n'))).toEqual({ kind: 'markdown', source: '# Run 7\n' });
    expect(classifyFigureFile('docs/README.MARKDOWN', bytes('x')).kind).toBe('markdown');
  });

  it('stores anything else as a file: images, CSV, JSON arrays and JSON of another shape', () => {
    expect(classifyFigureFile('plot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({ kind: 'file' });
    expect(classifyFigureFile('table.csv', bytes('a,b\n1,2\n')).kind).toBe('file');
    expect(classifyFigureFile('list.json', bytes('[1, 2]')).kind).toBe('file');
    expect(classifyFigureFile('metrics.json', bytes('{"accuracy": 0.93}')).kind).toBe('file');
  });

  it('keeps numbers as written, so 1.0 stays a float in the stored figure', () => {
    const source = classifyFigureFile('a.json', bytes('{"mark": "point", "width": 1.0}'));
    expect(source.kind === 'vega-lite' && canonicalJson(source.spec as CanonicalJsonValue)).toBe(
      '{"mark":"point","width":1.0}',
    );
  });

  it('names the file and what was expected for broken JSON and non-UTF-8 text', () => {
    expect(() => classifyFigureFile('figures/loss.json', bytes('{"mark": '))).toThrow(
      /^invalid JSON in "figures\/loss\.json": .*position 9.*; expected a Vega-Lite spec or a sortingview layout/,
    );
    expect(() => classifyFigureFile('notes.md', new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(
      'cannot read "notes.md": expected UTF-8 text',
    );
  });
});
