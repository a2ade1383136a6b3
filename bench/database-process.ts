import { MongoEmulator } from "../devkit/mongo-emulator/server.ts";

/**
 * The emulator in a process of its own, as a database server is: the bench then measures the
 * bot's time and memory, not the database's. Prints the URI; stops when its stdin closes.
 */
const emulator = new MongoEmulator();
process.stdout.write(`${await emulator.start()}\n`);
process.stdin.resume();
process.stdin.on("end", () => void emulator.stop().then(() => process.exit(0)));
