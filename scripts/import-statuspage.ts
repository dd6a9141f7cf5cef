// `npm run import:statuspage -- <folder-or-base-url>`: imports a Statuspage page's public history
// (components.json, incidents.json, scheduled-maintenances.json) into Upstate's database.
// Uses DATABASE_URL, or the embedded database in the data folder when Upstate is not running.
import path from "node:path";
import { ConfigError, readConfig } from "../lib/config.ts";
import { createDb } from "../lib/db/client.ts";
import { type EmbeddedDatabase, resolveDataDir, startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { migrate } from "../lib/db/migrate.ts";
import { importStatuspage } from "../lib/import/import-statuspage.ts";
import { EXPORT_FILES, ImportError, readStatuspageExport } from "../lib/import/read-statuspage-export.ts";

const source = process.argv[2];
if (!source || source.startsWith("-")) {
  console.error(
    `Usage: npm run import:statuspage -- <folder-or-base-url>\n  a folder with ${Object.values(EXPORT_FILES).join(", ")}, or a page's URL such as https://www.githubstatus.com`,
  );
  process.exit(2);
}

let embedded: EmbeddedDatabase | undefined;
let exitCode = 0;
try {
  // Read and check everything before touching the database.
  const data = await readStatuspageExport(source);
  const config = readConfig();
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const { dataDir } = await resolveDataDir(path.join(config.dataDir, "postgres"));
    embedded = await startEmbeddedDatabase({ dataDir });
    databaseUrl = embedded.url;
  }
  await migrate(databaseUrl);
  const db = createDb(databaseUrl, { limits: false });
  try {
    const counts = await importStatuspage({ db, data });
    const created = Object.entries(counts)
      .map(([what, n]) => `${n} ${what}`)
      .join(", ");
    console.log(`Imported "${data.page.name}" from ${source}: created ${created}.`);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  if (error instanceof ImportError || error instanceof ConfigError) {
    console.error(`Import stopped, nothing was written: ${error.message}`);
  } else {
    console.error("Import failed, nothing was written:", error);
  }
  exitCode = 1;
} finally {
  await embedded?.stop();
}
// Explicitly: tsx does not pass a `process.exitCode` set after top-level await on to the shell.
process.exit(exitCode);
