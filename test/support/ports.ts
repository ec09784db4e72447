/** A TCP port free on the loopback interface right now, for a server a test starts itself. */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const srv = createServer();
    srv.once('error', rejectPort);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}
