import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ownHosts, refusal } from "./same-site-only.ts";

/**
 * An HTTP server on the loopback for the local Bot API servers (and the sandbox page they serve):
 * started on a free port, closed with its connections. It answers only requests addressed to it
 * and made from its own origin (see same-site-only.ts).
 */
export async function listenLocally(handle: (request: IncomingMessage, response: ServerResponse) => void, port = 0, host = "127.0.0.1"): Promise<{ server: Server; url: string }> {
  let hosts = new Set<string>();
  const server = createServer((request, response) => {
    const refused = refusal(request, hosts);
    if (!refused) return handle(request, response);
    response.writeHead(403, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    response.end(`Forbidden: ${refused}. The dondoc sandbox is for trying dondoc on this machine.\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  hosts = ownHosts(host, bound);
  return { server, url: `http://${host}:${bound}` };
}

export async function closeLocally(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
