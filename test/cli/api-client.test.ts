import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/api-client.ts';

/** A loopback port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ApiClient', () => {
  it('names the URL it cannot reach and what to do, in one line', async () => {
    const port = await closedPort();
    const client = new ApiClient(`http://127.0.0.1:${port}/`, 'token');
    await expect(client.request('GET', '/claims')).rejects.toThrow(
      `cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED): is the local stack running (npm start)? Or pass --api URL`,
    );
  });
});
