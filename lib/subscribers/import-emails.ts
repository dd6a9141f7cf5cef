import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { InvalidError } from "../errors.ts";
import { emailAddress } from "./schemas.ts";
import { createSubscriber } from "./subscribe.ts";

/** The largest CSV accepted (the action checks the file's size before reading it, too). */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ROWS = 10_000;

export type ImportResult = { added: number; skipped: number; invalid: number; invalidExamples: string[] };

/**
 * The email column of a CSV: the column headed "email" when the first line is a header, else the
 * first column. Quoted cells are unquoted; blank lines are ignored.
 */
export function emailsOfCsv(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== "");
  if (lines.length === 0) return [];
  const cellsOf = (line: string) =>
    line.split(",").map((cell) =>
      cell
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    );
  const header = cellsOf(lines[0] ?? "").map((cell) => cell.toLowerCase());
  const headed = !header.some((cell) => cell.includes("@"));
  const column = headed
    ? Math.max(
        0,
        header.findIndex((cell) => cell === "email" || cell === "email address" || cell === "target"),
      )
    : 0;
  return (headed ? lines.slice(1) : lines).map((line) => cellsOf(line)[column] ?? "");
}

/**
 * Adds the CSV's email addresses as active subscribers of the whole page. An admin vouches for
 * them, as Statuspage lets admins do, so no confirmation mail is sent. Addresses already known
 * (in any state) and repeats are skipped; malformed ones are counted as invalid.
 */
export async function importEmails(options: { db: Db; actor: Actor; csv: string; now?: Date }): Promise<ImportResult> {
  if (options.csv.length > IMPORT_MAX_BYTES) {
    throw new InvalidError("Some fields need attention.", { file: "The file is larger than 1 MB: split it into smaller files." });
  }
  const cells = emailsOfCsv(options.csv);
  if (cells.length > IMPORT_MAX_ROWS) {
    throw new InvalidError("Some fields need attention.", {
      file: `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en")} rows: split it into smaller files.`,
    });
  }
  if (cells.length === 0) throw new InvalidError("Some fields need attention.", { file: "The file has no email addresses." });
  const now = options.now ?? new Date();
  const result: ImportResult = { added: 0, skipped: 0, invalid: 0, invalidExamples: [] };
  const valid: string[] = [];
  for (const cell of cells) {
    const parsed = emailAddress.safeParse(cell);
    if (parsed.success) valid.push(parsed.data);
    else {
      result.invalid += 1;
      if (result.invalidExamples.length < 5) result.invalidExamples.push(cell.slice(0, 100));
    }
  }
  const unique = [...new Set(valid)];
  result.skipped += valid.length - unique.length;

  return inTransaction(options.db, async (tx) => {
    const actor = await authorize(tx, options.actor, "subscriber.manage");
    // Serialises imports, so two at once do not both add an address and fail on its uniqueness.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('subscribers:import'))`;
    const known = await tx.subscriber.findMany({
      where: { channel: "email", team: false, target: { in: unique } },
      select: { target: true },
    });
    const knownTargets = new Set(known.map((row) => row.target));
    for (const email of unique) {
      if (knownTargets.has(email)) {
        result.skipped += 1;
        continue;
      }
      await createSubscriber(tx, { channel: "email", target: email, state: "active", confirmedAt: now, wholePage: true });
      result.added += 1;
    }
    await writeAudit(tx, {
      actor,
      action: "subscribers.imported",
      targetType: "subscriber",
      after: { added: result.added, skipped: result.skipped, invalid: result.invalid },
    });
    return result;
  });
}
