import { defaultPluginAliases, parseFigureParams, pluginFrameUrl, resolveView } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

const options = {
  pluginHostUrl: 'http://127.0.0.1:4100/plugins/',
  plugins: new Set(['vegalite', 'markdown', 'plotly']),
  aliases: defaultPluginAliases,
  npmCdnUrl: 'https://unpkg.com',
};

describe('resolveView', () => {
  it('maps figurl.org plugin URIs to our plugins by default', () => {
    for (const v of ['gs://figurl/vegalite-1', 'gs://figurl/vegalite-2']) {
      expect(resolveView(v, options)).toEqual({
        url: 'http://127.0.0.1:4100/plugins/vegalite/index.html',
        plugin: 'vegalite',
      });
    }
    expect(resolveView('gs://figurl/plotly-1', options).plugin).toBe('plotly');
    expect(resolveView('gs://figurl/markdown-1', options).plugin).toBe('markdown');
  });

  it('leaves an alias to a plugin this shell lacks, or one switched off, to the original host', () => {
    expect(resolveView('gs://figurl/spikesortingview-10', options)).toEqual({
      url: 'https://storage.googleapis.com/figurl/spikesortingview-10/index.html',
    });
    expect(resolveView('npm://@fi-sci/figurl-sortingview@12/dist', options)).toEqual({
      url: 'https://unpkg.com/@fi-sci/figurl-sortingview@12/dist/index.html',
    });
    const off = { ...options, aliases: { ...defaultPluginAliases, 'gs://figurl/vegalite-2': null } };
    expect(resolveView('gs://figurl/vegalite-2', off).url).toBe(
      'https://storage.googleapis.com/figurl/vegalite-2/index.html',
    );
  });

  it('resolves short names, http(s) pages and .html locations', () => {
    expect(resolveView('markdown', options).url).toBe('http://127.0.0.1:4100/plugins/markdown/index.html');
    expect(resolveView('http://localhost:3000', options).url).toBe('http://localhost:3000/index.html');
    expect(resolveView('https://example.org/view/', options).url).toBe('https://example.org/view/index.html');
    expect(resolveView('https://example.org/view/page.htm', options).url).toBe('https://example.org/view/page.htm');
  });

  it('names the plugins it has when one is unknown, and refuses data URIs as views', () => {
    expect(() => resolveView('nope', options)).toThrow(
      'unknown plugin "nope": this shell has markdown, plotly, vegalite',
    );
    expect(() => resolveView('sha1://0123456789abcdef0123456789abcdef01234567', options)).toThrow(/invalid view/);
    expect(() => resolveView('javascript:alert(1)', options)).toThrow();
  });
});

describe('pluginFrameUrl', () => {
  it('puts parentOrigin, figureId and the URL-encoded state in the query', () => {
    expect(
      pluginFrameUrl({
        pageUrl: 'http://h/plugins/vegalite/index.html',
        parentOrigin: 'http://127.0.0.1:3000',
        figureId: 'abcdefghij',
        state: '{"a":"b c"}',
      }),
    ).toBe(
      'http://h/plugins/vegalite/index.html?parentOrigin=http%3A%2F%2F127.0.0.1%3A3000&figureId=abcdefghij&s=%7B%22a%22%3A%22b%20c%22%7D',
    );
  });
});

describe('parseFigureParams', () => {
  it('accepts old parameters and turns inline JSON into a data: URI', () => {
    const params = parseFigureParams(
      new URLSearchParams(
        'v=gs://figurl/vegalite-2&d={"spec":{}}&label=x&project=abc&sh=http://h&dir=$dir&local=1&hide=1',
      ),
    );
    expect(params.view).toBe('gs://figurl/vegalite-2');
    expect(params.dataUri).toBe(`data:application/json;base64,${btoa('{"spec":{}}')}`);
    expect(params.hide).toBe(true);
    expect(params.label).toBe('x');
  });

  it('names the parameter in errors', () => {
    expect(() => parseFigureParams(new URLSearchParams('d=sha1://x'))).toThrow(/missing v/);
    expect(() => parseFigureParams(new URLSearchParams('v=vegalite&s={bad'))).toThrow(
      /invalid s "\{bad": expected a JSON object/,
    );
    expect(() => parseFigureParams(new URLSearchParams('v=vegalite&s=[1]'))).toThrow(/invalid s/);
    expect(() => parseFigureParams(new URLSearchParams('v=vegalite&d={oops'))).toThrow(/invalid d: inline JSON/);
  });
});
