import { FigurlError } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { createBucket, parseBucketUrl } from '../../../zone/src/bucket/index.js';

const defaultRoot = '/data/figurl/bucket';
const parse = (url: string | undefined) => parseBucketUrl(url, { defaultRoot });

describe('parseBucketUrl', () => {
  it('defaults to a folder at defaultRoot when unset or empty', () => {
    expect(parse(undefined)).toEqual({ kind: 'filesystem', root: defaultRoot });
    expect(parse('')).toEqual({ kind: 'filesystem', root: defaultRoot });
  });

  it('reads file:///absolute/path, decoding and normalizing it', () => {
    expect(parse('file:///srv/figurl/bucket')).toEqual({ kind: 'filesystem', root: '/srv/figurl/bucket' });
    expect(parse('file:///srv/my%20bucket/')).toEqual({ kind: 'filesystem', root: '/srv/my bucket' });
    expect(parse('file:///srv/a/../b')).toEqual({ kind: 'filesystem', root: '/srv/b' });
  });

  it('reads s3://bucket with AWS defaults', () => {
    expect(parse('s3://figurl')).toEqual({ kind: 's3', bucket: 'figurl', region: 'us-east-1', forcePathStyle: false });
    expect(parse('s3://figurl/')).toEqual({ kind: 's3', bucket: 'figurl', region: 'us-east-1', forcePathStyle: false });
  });

  it('reads a prefix, an endpoint, a region and path style', () => {
    expect(parse('s3://figurl/zones/lab/?endpoint=http://127.0.0.1:9000&region=eu-west-3')).toEqual({
      kind: 's3',
      bucket: 'figurl',
      prefix: 'zones/lab',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true, // on by default with a custom endpoint
    });
    expect(parse('s3://figurl?endpoint=https://r2.example.com&region=auto&forcePathStyle=false')).toMatchObject({
      endpoint: 'https://r2.example.com',
      region: 'auto',
      forcePathStyle: false,
    });
    expect(parse('s3://figurl.data?forcePathStyle=true')).toMatchObject({
      bucket: 'figurl.data',
      forcePathStyle: true,
    });
  });

  const refused: [string, RegExp][] = [
    ['/srv/bucket', /invalid bucket URL "\/srv\/bucket"/],
    ['bucket', /expected file:\/\/\/absolute\/path or s3:\/\/bucket/],
    ['file:relative/dir', /needs an absolute path/],
    ['file://host/srv/bucket', /needs an absolute path/],
    ['file:///srv/bucket?x=1', /invalid bucket URL/],
    ['file:///srv/a%2Fb', /invalid bucket URL/],
    ['http://127.0.0.1:9000/figurl', /expected file:/],
    ['S3://figurl', /invalid bucket URL/],
    ['s3://', /is not a valid S3 bucket name/],
    ['s3://Figurl', /bucket "Figurl" is not a valid S3 bucket name/],
    ['s3://fi', /is not a valid S3 bucket name/],
    ['s3://my_bucket', /is not a valid S3 bucket name/],
    ['s3://figurl/../etc', /prefix "..\/etc" must be/],
    ['s3://figurl/a//b', /prefix "a\/\/b" must be/],
    ['s3://figurl/.hidden', /prefix ".hidden" must be/],
    ['s3://figurl?endpoint=ftp://host', /endpoint "ftp:\/\/host" must be http\(s\)/],
    ['s3://figurl?endpoint=not a url', /endpoint "not a url" is not a URL/],
    ['s3://figurl?endpoint=http://host:9000/path', /must be http\(s\):\/\/host\[:port\]/],
    ['s3://figurl?region=Eu_West', /region "Eu_West" is not a region name/],
    ['s3://figurl?forcePathStyle=yes', /forcePathStyle "yes" must be true or false/],
    ['s3://figurl?regoin=us-east-1', /unknown parameter "regoin"/],
    ['s3://figurl?region=a&region=b', /parameter "region" given twice/],
    ['s3://figurl#frag', /invalid bucket URL/],
  ];
  it.each(refused)('refuses %j with INVALID_REQUEST naming the value and the expected forms', (url, message) => {
    const error = catchError(() => parse(url));
    expect(error).toBeInstanceOf(FigurlError);
    expect((error as FigurlError).code).toBe('INVALID_REQUEST');
    expect((error as FigurlError).message).toMatch(message);
    expect((error as FigurlError).message).toContain('expected file:///absolute/path or s3://bucket');
  });

  it('never repeats credentials put in a URL', () => {
    for (const url of ['s3://AKID:topsecret@figurl', 's3://figurl?endpoint=http://AKID:topsecret@127.0.0.1:9000']) {
      const message = (catchError(() => parse(url)) as Error).message;
      expect(message).not.toContain('topsecret');
      expect(message).toContain('***@');
    }
  });
});

describe('createBucket', () => {
  it('makes a filesystem bucket for a folder config', () => {
    expect(createBucket(parse('file:///srv/figurl/bucket')).description).toBe('file:///srv/figurl/bucket');
  });

  it('makes an S3 bucket with presigned URLs for an s3 config, without touching the network', async () => {
    const bucket = createBucket(parse('s3://figurl/zones/lab?endpoint=http://127.0.0.1:9&region=eu-west-3'), {
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    });
    expect(bucket.description).toBe('s3://figurl/zones/lab/ (endpoint http://127.0.0.1:9)');
    const url = new URL((await bucket.presignGet?.('sha1/ab/cd', { expiresInSeconds: 60 })) ?? '');
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/figurl/zones/lab/sha1/ab/cd');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKID\/\d{8}\/eu-west-3\/s3\/aws4_request$/);
    expect(url.search).not.toContain('secret');
    await bucket.close?.();
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
