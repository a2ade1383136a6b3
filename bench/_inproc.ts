import { MongoEmulator } from "../src/db/emulator/server.ts";
import { broadcastFigures } from "./broadcast.ts";
const emulator = new MongoEmulator();
const uri = await emulator.start();
for (const f of await broadcastFigures({ uri, kind: "in-process", stop: async () => {} })) if (f.name.includes("rate") && f.name.includes("10 pages, 0 ms")) console.log(f.name, f.value);
await emulator.stop();
