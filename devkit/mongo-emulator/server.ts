import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { Engine } from "./engine.ts";
import { decodeMessage, encodeReply, messageLength } from "./wire-protocol.ts";

/**
 * An in-process MongoDB server for machines where no mongod can be had: it speaks the wire
 * protocol on 127.0.0.1 and keeps data in memory. Query, update and aggregation semantics
 * come from mingo; what it lacks (transactions, TTL, $text, exact numeric types) the
 * conformance tests name.
 */
export class MongoEmulator {
  readonly engine = new Engine();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private nextRequestId = 1;

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `mongodb://${host}:${address.port}/`;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (let length = messageLength(pending); length > 0 && pending.length >= length; length = messageLength(pending)) {
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        this.answer(socket, message);
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.sockets.delete(socket));
  }

  private answer(socket: Socket, message: Buffer): void {
    let request;
    try {
      request = decodeMessage(message);
    } catch {
      socket.destroy();
      return;
    }
    const reply = this.engine.run(request.command);
    if (!request.noReply) socket.write(encodeReply(request, this.nextRequestId++, reply));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
