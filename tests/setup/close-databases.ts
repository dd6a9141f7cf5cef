import { afterAll } from "vitest";
import { closeTestDatabases } from "../support/db.ts";

// A setup file runs before every test file, also where files share modules (vitest.config.ts):
// each file's database connections are closed at its end.
afterAll(closeTestDatabases);
