import { BSON } from "bson";
import { MongoClient } from "mongodb";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MongoEmulator } from "../../devkit/mongo-emulator/server.ts";
import { startDatabase } from "../../src/db/start-database.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "dondoc-db-"));
  folders.push(folder);
  return folder;
}

describe("the emulator", () => {
  it("answers the legacy OP_QUERY isMaster handshake with OP_REPLY", async () => {
    const emulator = new MongoEmulator();
    const uri = new URL(await emulator.start());
    try {
      const query = Buffer.from(BSON.serialize({ isMaster: 1 }));
      const collection = Buffer.from("admin.$cmd\0");
      const fields = Buffer.alloc(4);
      const skipReturn = Buffer.alloc(8);
      skipReturn.writeInt32LE(-1, 4);
      const header = Buffer.alloc(16);
      const length = 16 + fields.length + collection.length + skipReturn.length + query.length;
      header.writeInt32LE(length, 0);
      header.writeInt32LE(7, 4);
      header.writeInt32LE(2004, 12);
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const socket = connect(Number(uri.port), uri.hostname, () => socket.write(Buffer.concat([header, fields, collection, skipReturn, query])));
        socket.once("data", (data) => {
          socket.destroy();
          resolve(data);
        });
        socket.once("error", reject);
      });
      expect(reply.readInt32LE(8)).toBe(7);
      expect(reply.readInt32LE(12)).toBe(1);
      const document = BSON.deserialize(reply.subarray(36));
      expect(document).toMatchObject({ ismaster: true, ok: 1, maxWireVersion: 21 });
    } finally {
      await emulator.stop();
    }
  });

  it("answers unknown commands as mongod does", async () => {
    const emulator = new MongoEmulator();
    const client = new MongoClient(await emulator.start());
    try {
      await expect(client.db("x").command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: "CommandNotFound" });
      await client.db("x").createCollection("once");
      await expect(client.db("x").createCollection("once")).rejects.toMatchObject({ code: 48 });
    } finally {
      await client.close();
      await emulator.stop();
    }
  });
});

describe("the embedded database without mongod", () => {
  it("keeps its data in the data folder across restarts", async () => {
    const dataDir = temporaryFolder();
    chmodSync(dataDir, 0o755);
    const first = await startDatabase({ dataDir });
    // The suite's own machine may have a mongod: then this is mongodb-memory-server with a dbPath, also durable.
    let client = new MongoClient(first.uri);
    await client.db("dondoc").collection("reports").createIndex({ key: 1 }, { unique: true });
    await client.db("dondoc").collection("reports").insertOne({ key: "SNV-2018-03", note: "Đã xong" });
    await client.close();
    await first.stop();
    // The province's data is the bot user's own: the folder 0700, the emulator's file 0600 (mongod's folder 0700).
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(first.dataPath!).mode & 0o777).toBe(first.kind === "emulator" ? 0o600 : 0o700);

    const second = await startDatabase({ dataDir });
    client = new MongoClient(second.uri);
    try {
      expect(await client.db("dondoc").collection("reports").findOne({}, { projection: { _id: 0 } })).toEqual({ key: "SNV-2018-03", note: "Đã xong" });
      await expect(client.db("dondoc").collection("reports").insertOne({ key: "SNV-2018-03" })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await client.close();
      await second.stop();
    }
  });

  it("uses MONGODB_URI as given, starting nothing", async () => {
    const database = await startDatabase({ uri: "mongodb://db.example:27017/dondoc" });
    expect(database).toMatchObject({ kind: "external", uri: "mongodb://db.example:27017/dondoc" });
  });
});
