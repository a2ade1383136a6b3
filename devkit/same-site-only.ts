import type { IncomingMessage } from "node:http";

/**
 * The local servers (the sandbox page, the local Bot API and Zalo servers) answer this machine
 * only. A page on another site must not drive them (post /xuatbaocao into the sandbox's group, run
 * the monthly push) nor read them; a name that merely resolves to this machine (DNS rebinding)
 * must not either. So every request must name this server as its Host, and a browser's request
 * must come from this server's own origin: any Origin header but ours is refused, and so is what
 * a browser marks as sent from another site, but for a person opening a page by a link.
 */
export function ownHosts(host: string, port: number): Set<string> {
  const loopback = host === "127.0.0.1" || host === "::1" || host === "localhost";
  const names = loopback ? ["127.0.0.1", "localhost", "[::1]"] : [host.includes(":") ? `[${host}]` : host];
  return new Set(names.map((name) => `${name}:${port}`));
}

/** Why a request is refused, or null when it comes from this machine's own pages or programs. */
export function refusal(request: IncomingMessage, hosts: Set<string>): string | null {
  const host = request.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return "this server answers only its own address (Host)";
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let from: string | null;
    try {
      from = new URL(origin).host.toLowerCase();
    } catch {
      from = null;
    }
    if (!from || !hosts.has(from)) return "requests from another site are refused (Origin)";
  }
  const site = request.headers["sec-fetch-site"];
  const opened = request.method === "GET" && request.headers["sec-fetch-mode"] === "navigate";
  if ((site === "cross-site" || site === "same-site") && !opened) return "requests from another site are refused (Sec-Fetch-Site)";
  return null;
}
