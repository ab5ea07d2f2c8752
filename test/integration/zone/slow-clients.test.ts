import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * G12 (reliability-security.md §6): 1,000 slowloris connections — each sends a request line and
 * then a header byte now and then, never finishing — must not keep the zone from answering
 * everyone else. Bounded: 1,000 sockets on loopback for about three seconds.
 */
const slowClients = 1000;

let zone: TestZone;
let port: number;
beforeAll(async () => {
  zone = await createTestZoneApp({ publicUrl: undefined });
  const address = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(address).port);
});
afterAll(() => zone.close());

function openSlowClient(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

describe('G12: slow clients', () => {
  it(`keeps answering while ${slowClients} slowloris connections trickle headers`, { timeout: 60_000 }, async () => {
    const sockets: Socket[] = [];
    for (let i = 0; i < slowClients; i += 100) {
      sockets.push(...(await Promise.all(Array.from({ length: 100 }, openSlowClient))));
    }
    const trickle = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write('a');
    }, 250);
    try {
      const latencies: number[] = [];
      const statuses: number[] = [];
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline) {
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/blobs/${'a'.repeat(40)}?zone=${zone.zoneName}`);
        await res.arrayBuffer();
        statuses.push(res.status);
        latencies.push(performance.now() - started);
      }
      expect(statuses.length).toBeGreaterThan(10);
      // Every legitimate request was answered (404: the blob does not exist), none timed out.
      expect(new Set(statuses)).toEqual(new Set([404]));
      expect(sockets.filter((s) => !s.destroyed).length).toBe(slowClients);
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
      console.info(`G12 slow clients: ${statuses.length} requests answered, p99 ${p99.toFixed(1)} ms (informational)`);
    } finally {
      clearInterval(trickle);
      for (const s of sockets) s.destroy();
    }
  });
});
