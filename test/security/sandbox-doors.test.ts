import { randomBytes } from "node:crypto";
import { request } from "node:http";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSandbox, type Sandbox } from "../../devkit/sandbox/sandbox-app.ts";

/**
 * The sandbox is for trying dondoc on this machine (issue 18, point 5): a page on another site
 * cannot drive it or read it, a name that merely resolves to this machine cannot either (DNS
 * rebinding), and an uploaded file is handed out as a download, never as a page.
 */
interface Persona {
  key: string;
  chatId: number;
  role: string;
}
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let sandbox: Sandbox;
let personas: Persona[];
const name = `dondoc_sandbox_doors_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${name}`;
  sandbox = await startSandbox({ mongoUri: uri.toString() });
  personas = (JSON.parse((await call("GET", "/sandbox/state")).body) as { personas: Persona[] }).personas;
}, 60_000);
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await sandbox?.stop();
});

/** A request with the headers a browser (or an attacker's page) would send; Host and Origin included. */
function call(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const url = new URL(path, sandbox.url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { host: url.host, ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const own = () => new URL(sandbox.url).origin;
const group = () => personas.find((persona) => persona.role === "group")!;
const messagesIn = async (chatId: number) => (JSON.parse((await call("GET", `/sandbox/chats/${chatId}/messages`)).body) as { messages: { text?: string; document?: { file_id: string; file_name: string } }[] }).messages;

describe("the sandbox", () => {
  it("refuses a page on another site: /xuatbaocao is not posted into its group", async () => {
    const before = (await messagesIn(group().chatId)).length;
    const forged = JSON.stringify({ persona: group().key, text: "/xuatbaocao" });
    // A "simple" cross-site request (text/plain, no preflight), as a hostile page would make it.
    const refused = await call("POST", `/sandbox/chats/${group().chatId}/send`, { headers: { origin: "http://evil.example", "content-type": "text/plain", "sec-fetch-site": "cross-site" }, body: forged });
    expect(refused.status).toBe(403);
    const sandboxed = await call("POST", `/sandbox/chats/${group().chatId}/send`, { headers: { origin: "null", "content-type": "text/plain" }, body: forged });
    expect(sandboxed.status).toBe(403);
    const clock = await call("POST", "/sandbox/clock", { headers: { origin: "http://evil.example", "content-type": "text/plain" }, body: JSON.stringify({ action: "monthly-push" }) });
    expect(clock.status).toBe(403);
    expect((await messagesIn(group().chatId)).length).toBe(before);
    // The local Bot API behind it too.
    expect((await call("POST", "/bot1000000001:SANDBOX-dondoc-local-bot-api-token/getUpdates", { headers: { origin: "http://evil.example" } })).status).toBe(403);
  });

  it("refuses a name that merely points at this machine (DNS rebinding), also for reading", async () => {
    const port = new URL(sandbox.url).port;
    for (const path of ["/", "/sandbox/state", `/sandbox/chats/${group().chatId}/messages`]) {
      expect((await call("GET", path, { headers: { host: `rebind.evil.example:${port}` } })).status, path).toBe(403);
    }
    const posted = await call("POST", `/sandbox/chats/${group().chatId}/send`, { headers: { host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}` }, body: JSON.stringify({ persona: group().key, text: "/xuatbaocao" }) });
    expect(posted.status).toBe(403);
    expect((await call("GET", "/sandbox/state", { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it("serves its own page, which says what it is for, and takes its own requests", async () => {
    const page = await call("GET", "/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Hộp cát để dùng thử dondoc trên máy này");
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    const secretary = personas.find((persona) => persona.role === "secretariat" && persona.chatId > 0)!;
    const sent = await call("POST", `/sandbox/chats/${secretary.chatId}/send`, { headers: { origin: own(), "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: JSON.stringify({ persona: secretary.key, text: "/trogiup" }) });
    expect(sent.status).toBe(200);
  });

  it("hands out an uploaded .html file as a download of no type, never as a page", async () => {
    const secretary = personas.find((persona) => persona.role === "secretariat" && persona.chatId > 0)!;
    const html = "<script>fetch('/sandbox/clock',{method:'POST',body:'{\"action\":\"monthly-push\"}'})</script>";
    const upload = JSON.stringify({ persona: secretary.key, fileName: "bao-cao.html", mimeType: "text/html", base64: Buffer.from(html).toString("base64") });
    expect((await call("POST", `/sandbox/chats/${secretary.chatId}/upload`, { headers: { origin: own(), "content-type": "application/json" }, body: upload })).status).toBe(200);
    const file = (await messagesIn(secretary.chatId)).findLast((message) => message.document?.file_name === "bao-cao.html")!.document!;
    const served = await call("GET", `/sandbox/files/${file.file_id}`);
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toBe("application/octet-stream");
    expect(served.headers["content-disposition"]).toMatch(/^attachment; filename="bao-cao.html"/);
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.body).toBe(html);
  });
});
