import type { Role } from "../db/generated/client.ts";

/** The signed-in staff member a domain function acts for. */
export type Actor = { id: string; email: string; name: string; role: Role };
