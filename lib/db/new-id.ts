import { randomBytes } from "node:crypto";

/**
 * A new row id of the kind Prisma's `@default(cuid())` gives (25 characters: `c`, then lower-case
 * letters and digits), for rows inserted by raw SQL: a time part, so that ids made later sort
 * later (within this process), and 13 random base-36 characters (about 67 bits).
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(8, "0");
  const counter = (sequence++ % 36 ** 3).toString(36).padStart(3, "0");
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(16, "0")
    .slice(-13);
  return `c${time}${counter}${random}`;
}

let sequence = 0;
