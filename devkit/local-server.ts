import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP server on the loopback for the local Bot API servers: started on a free port, closed with its connections. */
export async function listenLocally(handle: (request: IncomingMessage, response: ServerResponse) => void, port = 0, host = "127.0.0.1"): Promise<{ server: Server; url: string }> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

export async function closeLocally(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
