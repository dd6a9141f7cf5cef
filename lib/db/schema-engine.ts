import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

// Prisma's schema engine, compiled to WebAssembly, driven through the pg adapter: the native
// engine binary cannot be downloaded on our machines. Used by development tools only (writing a
// migration, the drift test), never at run time.

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

export async function readSchema(): Promise<string> {
  return readFile(SCHEMA_PATH, "utf8");
}

let ready: Promise<void> | undefined;

// Node cannot import a .wasm module directly: instantiate it with the JS glue as its imports.
function loadEngine(): Promise<void> {
  ready ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(glue), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

async function openEngine(connectionString: string, schema: string) {
  await loadEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return bindings.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
}

const noFilters = { externalTables: [], externalEnums: [] };

/** The SQL that takes a database from schema `from` to schema `to` (empty when they agree). */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  const engine = await openEngine(connectionString, to);
  try {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
