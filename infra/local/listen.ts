/**
 * Starts a local HTTP server on loopback (an ephemeral port unless one is given) and how to stop it:
 * the API and the console server of `ltc start` alike.
 */
import type { Server } from 'node:http';

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * @example const { url, stop } = await listenOnLoopback(createServer(handle));
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
