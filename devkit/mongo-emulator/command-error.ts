import type { Document } from "bson";

/** A command failure in the shape mongod sends: { ok: 0, errmsg, code, codeName }. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const badValue = (message: string) => new CommandError(2, "BadValue", message);
export const namespaceNotFound = (message: string) => new CommandError(26, "NamespaceNotFound", message);
export const commandNotFound = (name: string) => new CommandError(59, "CommandNotFound", `no such command: '${name}'`);
export const illegalOperation = (message: string) => new CommandError(20, "IllegalOperation", message);
