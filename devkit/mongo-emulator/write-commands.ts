import type { Document } from "bson";
import { Query } from "mingo";
import { applyUpdate, buildUpsert, type UpdateSpec } from "./apply-update.ts";
import { CommandError, badValue } from "./command-error.ts";
import { ensureId, topLevelPicker } from "./document-values.ts";
import type { CommandHandler, Engine } from "./engine.ts";
import { selectDocuments } from "./read-commands.ts";

/** insert, update, delete, findAndModify — each statement atomic, as on a standalone mongod. */

interface WriteError {
  index: number;
  code: number;
  codeName: string;
  errmsg: string;
  [extra: string]: unknown;
}

function toWriteError(index: number, error: unknown): WriteError {
  if (error instanceof CommandError) return { index, code: error.code, codeName: error.codeName, errmsg: error.message, ...error.extra };
  return { index, code: 2, codeName: "BadValue", errmsg: (error as Error).message };
}

function writeReply(n: number, errors: WriteError[], extra: Document = {}): Document {
  return { n, ...extra, ...(errors.length > 0 ? { writeErrors: errors } : {}), ok: 1 };
}

/** Runs each statement; an ordered batch stops at its first error. */
function eachStatement<T>(statements: T[], ordered: boolean, run: (statement: T, index: number) => void): WriteError[] {
  const errors: WriteError[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      errors.push(toWriteError(index, error));
      if (ordered) break;
    }
  }
  return errors;
}

const insert: CommandHandler = (engine, command, db) => {
  const collection = engine.collectionForWrite(db, command.insert);
  let n = 0;
  const errors = eachStatement((command.documents as Document[]) ?? [], command.ordered !== false, (document) => {
    collection.insert(ensureId(document));
    n++;
  });
  return writeReply(n, errors);
};

interface UpdateStatement {
  q?: Document;
  u: UpdateSpec;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  sort?: Document;
}

function matching(engine: Engine, db: string, name: string, filter: Document | undefined, sort?: Document, limit?: number): Document[] {
  return selectDocuments(engine, db, name, { filter: filter ?? {}, sort, limit });
}

function updateStatement(engine: Engine, db: string, name: string, statement: UpdateStatement) {
  const collection = engine.collectionForWrite(db, name);
  if (statement.multi && !Array.isArray(statement.u) && !Object.keys(statement.u).every((key) => key.startsWith("$"))) {
    throw new CommandError(9, "FailedToParse", "multi update is not supported for replacement-style update");
  }
  const targets = matching(engine, db, name, statement.q, statement.sort, statement.multi ? undefined : 1);
  let modified = 0;
  for (const current of targets) {
    const next = applyUpdate(current, statement.u, { arrayFilters: statement.arrayFilters });
    collection.replace(current, next);
    if (JSON.stringify(next) !== JSON.stringify(current)) modified++;
  }
  if (targets.length === 0 && statement.upsert) {
    const created = buildUpsert(statement.q ?? {}, statement.u, statement.arrayFilters);
    collection.insert(created);
    return { matched: 0, modified: 0, upsertedId: created._id as unknown };
  }
  return { matched: targets.length, modified, upsertedId: undefined };
}

const update: CommandHandler = (engine, command, db) => {
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const errors = eachStatement((command.updates as UpdateStatement[]) ?? [], command.ordered !== false, (statement, index) => {
    const result = updateStatement(engine, db, command.update, statement);
    if (result.upsertedId !== undefined) {
      upserted.push({ index, _id: result.upsertedId });
      n++;
    }
    n += result.matched;
    nModified += result.modified;
  });
  return writeReply(n, errors, { nModified, ...(upserted.length > 0 ? { upserted } : {}) });
};

const deleteCommand: CommandHandler = (engine, command, db) => {
  const collection = engine.collection(db, command.delete);
  let n = 0;
  const statements = (command.deletes as { q: Document; limit: number }[]) ?? [];
  const errors = eachStatement(statements, command.ordered !== false, (statement) => {
    if (!collection) return;
    const targets = matching(engine, db, command.delete, statement.q, undefined, statement.limit === 1 ? 1 : undefined);
    for (const document of targets) collection.remove(document);
    n += targets.length;
  });
  return writeReply(n, errors);
};

function project(document: Document | null, fields: Document | undefined): Document | null {
  if (!document || !fields || Object.keys(fields).length === 0) return document;
  const pick = topLevelPicker(fields);
  return pick ? pick(document) : ((new Query({}).find([document], fields).all()[0] as Document | undefined) ?? null);
}

const findAndModify: CommandHandler = (engine, command, db) => {
  const name = command.findAndModify ?? command.findandmodify;
  if (!command.remove && command.update === undefined) throw badValue("Either an update or remove=true must be specified");
  const collection = engine.collectionForWrite(db, name);
  const [current] = matching(engine, db, name, command.query, command.sort, 1);
  const fields = command.fields as Document | undefined;

  if (command.remove) {
    if (current) collection.remove(current);
    return { lastErrorObject: { n: current ? 1 : 0 }, value: project(current ?? null, fields), ok: 1 };
  }
  if (current) {
    const next = applyUpdate(current, command.update, { arrayFilters: command.arrayFilters });
    collection.replace(current, next);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(command.new ? next : current, fields),
      ok: 1,
    };
  }
  if (command.upsert) {
    const created = buildUpsert(command.query ?? {}, command.update, command.arrayFilters);
    collection.insert(created);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id },
      value: project(command.new ? created : null, fields),
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
};
