import { describe, expect, it } from 'vitest';
import { parseCliSettings } from '../../../sdk/src/cli/parse-cli-settings.js';

describe('parseCliSettings', () => {
  it('defaults to the embedded zone, zone "default" and ~/.kachery-cloud', () => {
    expect(parseCliSettings({}, '/home/me')).toEqual({
      zoneUrl: 'http://127.0.0.1:4100',
      shellUrl: 'http://127.0.0.1:3000',
      zone: 'default',
      cacheDir: '/home/me/.kachery-cloud',
      token: undefined,
    });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const env = {
      FIGURL_ZONE_URL: 'https://zone.example.org',
      FIGURL_SHELL_URL: 'https://figurl.example/shell',
      KACHERY_ZONE: 'lab.public',
      KACHERY_CLOUD_DIR: '/data/kc',
      FIGURL_TOKEN: 'abc.def',
    };
    expect(parseCliSettings(env, '/home/me')).toEqual({
      zoneUrl: 'https://zone.example.org',
      shellUrl: 'https://figurl.example/shell',
      zone: 'lab.public',
      cacheDir: '/data/kc',
      token: 'abc.def',
    });
    expect(parseCliSettings({ FIGURL_TOKEN: '', KACHERY_CLOUD_DIR: '' }, '/h')).toMatchObject({
      token: undefined,
      cacheDir: '/h/.kachery-cloud',
    });
  });

  it('names the variable and the expectation when a value is bad', () => {
    expect(() => parseCliSettings({ KACHERY_ZONE: 'bad zone' }, '/h')).toThrow(
      'invalid environment: KACHERY_ZONE "bad zone": expected a zone name like "default" or "lab.public"',
    );
    expect(() => parseCliSettings({ FIGURL_ZONE_URL: 'ftp://x' }, '/h')).toThrow(
      'invalid environment: FIGURL_ZONE_URL "ftp://x": expected an http:// or https:// URL',
    );
    expect(() => parseCliSettings({ FIGURL_SHELL_URL: 'figurl.org' }, '/h')).toThrow(
      'invalid environment: FIGURL_SHELL_URL "figurl.org": expected an http:// or https:// URL',
    );
  });
});
