import { describe, expect, it } from 'vitest';
import { parseMarkdownData } from '../../../plugins/markdown/src/parse-markdown-data.js';
import { slugify } from '../../../plugins/markdown/src/slugify.js';
import { toFigureEmbedUrl } from '../../../plugins/markdown/src/to-figure-embed-url.js';
import { parsePlotlyData } from '../../../plugins/plotly/src/parse-plotly-data.js';
import { fitSpecToWindow } from '../../../plugins/vegalite/src/fit-spec-to-window.js';
import { parseVegaLiteData } from '../../../plugins/vegalite/src/parse-vegalite-data.js';

describe('vegalite figure data', () => {
  it('is exactly {spec}, as gs://figurl/vegalite-2 requires', () => {
    const spec = { mark: 'bar', data: { values: [] } };
    expect(parseVegaLiteData({ spec })).toEqual({ spec });
    expect(() => parseVegaLiteData({ spec, label: 'x' })).toThrow('Invalid data: unexpected key "label"');
    expect(() => parseVegaLiteData({ spec: [1] })).toThrow('Invalid data: spec is an array');
    expect(() => parseVegaLiteData({ vega: spec })).toThrow(/^Invalid data/);
    expect(() => parseVegaLiteData('spec')).toThrow(/^Invalid data/);
  });

  it('reads {} (a figURL without d) as empty', () => {
    expect(parseVegaLiteData({})).toBeNull();
  });

  it('fits single and layered views to the window unless the spec sizes them', () => {
    expect(fitSpecToWindow({ mark: 'bar' })).toEqual({ mark: 'bar', width: 'container', height: 'container' });
    expect(fitSpecToWindow({ layer: [], width: 300 })).toEqual({ layer: [], width: 300, height: 'container' });
    const concat = { hconcat: [{ mark: 'bar' }] };
    expect(fitSpecToWindow(concat)).toBe(concat);
  });
});

describe('plotly figure data', () => {
  it('is exactly {type: "Plotly", spec}, spec being the traces Python writes', () => {
    const traces = [{ type: 'bar', x: [1], y: [2] }];
    expect(parsePlotlyData({ type: 'Plotly', spec: traces })).toEqual({ traces, layout: {} });
    expect(parsePlotlyData({ type: 'Plotly', spec: { data: traces, layout: { title: 't' } } })).toEqual({
      traces,
      layout: { title: 't' },
    });
    expect(() => parsePlotlyData({ type: 'Plotly', spec: traces, layout: {} })).toThrow(
      'Invalid data: unexpected key "layout"',
    );
    expect(() => parsePlotlyData({ type: 'plotly', spec: traces })).toThrow('Invalid data: type is "plotly"');
    expect(() => parsePlotlyData({ type: 'Plotly', spec: [1] })).toThrow('Invalid data: trace 0 is not an object');
    expect(parsePlotlyData({})).toBeNull();
  });
});

describe('markdown figure data and embeds', () => {
  it('is exactly {source: string}', () => {
    expect(parseMarkdownData({ source: '# Hi' })).toEqual({ source: '# Hi' });
    expect(() => parseMarkdownData({ source: 1 })).toThrow('Invalid data: source is number');
    expect(() => parseMarkdownData({ source: '', title: 't' })).toThrow('Invalid data: unexpected key "title"');
    expect(parseMarkdownData({})).toBeNull();
  });

  it('embeds figURLs with hide=1 and nothing else', () => {
    const embed = toFigureEmbedUrl('https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://abc&label=A%20B');
    expect(embed).toBeDefined();
    const url = new URL(embed ?? '');
    expect([url.origin, url.pathname]).toEqual(['https://figurl.org', '/f']);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      v: 'gs://figurl/vegalite-2',
      d: 'sha1://abc',
      label: 'A B',
      hide: '1',
    });
    expect(toFigureEmbedUrl('https://example.org/picture.png')).toBeUndefined();
    expect(toFigureEmbedUrl('https://figurl.org/f?d=sha1://abc')).toBeUndefined();
    expect(toFigureEmbedUrl('javascript:alert(1)//f?v=x')).toBeUndefined();
    expect(toFigureEmbedUrl('not a url')).toBeUndefined();
  });

  it('names sections as GitHub names heading anchors, unique within a document', () => {
    const taken = new Map<string, number>();
    expect(['Methods & Data', 'Methods & Data', 'Résumé', '???'].map((t) => slugify(t, taken))).toEqual([
      'methods-data',
      'methods-data-1',
      'résumé',
      'section',
    ]);
  });
});
