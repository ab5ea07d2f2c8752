import { FigurlError, figureUrl, PythonFloat } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

/*
 * Expected strings come from the Python producer: the two published figURLs are quoted from
 * flatironinstitute/figurl (examples/altair_example.py, doc/intro.md); the others were printed by
 * `url_from_url_dict` logic in Python 3 (urllib.parse.quote for label and zone, simplejson
 * `dumps(state, separators=(',', ':'), sort_keys=True)` for s).
 */
describe('figureUrl', () => {
  it('reproduces published figURLs', () => {
    expect(
      figureUrl({
        baseUrl: 'https://figurl.org',
        view: 'gs://figurl/vegalite-2',
        data: 'sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f',
        label: 'stocks chart',
      }),
    ).toBe(
      'https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f&label=stocks%20chart',
    );
    expect(
      figureUrl({
        baseUrl: 'https://figurl.org',
        view: 'gs://figurl/spikesortingview-10',
        data: 'zenodo://7195410/main',
        label: 'First Zenodo FigURL',
      }),
    ).toBe(
      'https://figurl.org/f?v=gs://figurl/spikesortingview-10&d=zenodo://7195410/main&label=First%20Zenodo%20FigURL',
    );
  });

  it('quotes the label and zone as urllib.parse.quote does', () => {
    const url = (label: string, zone?: string) =>
      figureUrl({
        baseUrl: 'https://figurl.org',
        view: 'gs://figurl/vegalite-2',
        data: 'gh://o/r/main/d.json',
        label,
        zone,
      });
    const tail = (label: string, zone?: string) => url(label, zone).split('&').slice(2).join('&');
    expect(tail("a/b (c)!*'~")).toBe('label=a/b%20%28c%29%21%2A%27~');
    expect(tail('é 😀')).toBe('label=%C3%A9%20%F0%9F%98%80');
    expect(tail('50% & #1?')).toBe('label=50%25%20%26%20%231%3F');
    expect(tail('x+y=z', 'lab.public')).toBe('label=x%2By%3Dz&zone=lab.public');
  });

  it('puts the parameters in Python’s order, state as sorted compact JSON, v and d unencoded', () => {
    expect(
      figureUrl({
        baseUrl: 'http://127.0.0.1:3000/',
        view: 'npm://@fi-sci/figurl-sortingview@12/dist',
        data: 'sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f?label=data.json',
        label: 'units',
        zone: 'lab.public',
        state: { b: 1, a: 'é', c: [new PythonFloat(1), 2] },
        hide: true,
      }),
    ).toBe(
      'http://127.0.0.1:3000/f?v=npm://@fi-sci/figurl-sortingview@12/dist' +
        '&d=sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f?label=data.json' +
        '&hide=1&s={"a":"\\u00e9","b":1,"c":[1.0,2]}&label=units&zone=lab.public',
    );
  });

  it('leaves out an empty label, zone and false hide, as Python does; keeps an empty state', () => {
    const base = { baseUrl: 'https://figurl.org', view: 'gs://figurl/vegalite-2', data: 'gh://o/r/main/d.json' };
    expect(figureUrl({ ...base, label: '', zone: '', hide: false })).toBe(
      'https://figurl.org/f?v=gs://figurl/vegalite-2&d=gh://o/r/main/d.json',
    );
    expect(figureUrl({ ...base, state: {} })).toBe(
      'https://figurl.org/f?v=gs://figurl/vegalite-2&d=gh://o/r/main/d.json&s={}',
    );
  });

  it('refuses URIs the shell cannot resolve and bases that are not http(s) URLs', () => {
    const base = { baseUrl: 'https://figurl.org', view: 'gs://figurl/vegalite-2', data: 'gh://o/r/main/d.json' };
    expect(() => figureUrl({ ...base, data: 'sha1://abc' })).toThrow(/invalid URI "sha1:\/\/abc"/);
    expect(() => figureUrl({ ...base, view: 'ipfs://x' })).toThrow(FigurlError);
    expect(() => figureUrl({ ...base, baseUrl: 'figurl.org' })).toThrow(
      'invalid shell URL "figurl.org": expected an http:// or https:// URL without query or fragment',
    );
    expect(() => figureUrl({ ...base, baseUrl: 'https://figurl.org/?x=1' })).toThrow(/without query/);
  });
});
