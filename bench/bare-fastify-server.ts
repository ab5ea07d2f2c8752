// The findFile baseline: a bare Fastify route on the same machine, in its own process like the
// zone. It parses the same JSON body and answers a findFile-shaped response, with no signature
// check and no database: the ceiling any Fastify route can reach here.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1 << 20 });
const answer = {
  type: 'findFile',
  found: true,
  size: 4096,
  url: 'http://127.0.0.1/sha1/0000000000000000000000000000000000000000',
  objectKey: 'sha1/00/00/00/0000000000000000000000000000000000000000',
  cacheHit: false,
};
app.post('/api/gateway', async () => answer);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`bare fastify listening at ${url}\n`);
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
