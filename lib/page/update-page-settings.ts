import { z } from "zod";
import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan, authorize } from "../auth/policy.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { ConflictError, parseInput } from "../errors.ts";
import { emailAddress, SUBSCRIBER_CHANNELS } from "../subscribers/schemas.ts";
import { isValidTimeZone } from "../time/format-instant.ts";
import { BASE_PATH, basePathOf } from "../urls/base-path.ts";
import { publicUrlProblem } from "./public-url.ts";

const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), `${label} must start with http:// or https://.`);

export const pageSettingsSchema = z.object({
  version: z.number({ error: "Reload the page: the form is missing its version." }).int().nonnegative(),
  name: z.string().trim().min(1, "Enter the page's name.").max(100, "Keep the name under 100 characters."),
  publicUrl: z
    .string()
    .trim()
    .max(2000)
    .transform((v) => v || null)
    .superRefine((v, ctx) => {
      const problem = v ? publicUrlProblem(v) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      // The path is built into the app (PUBLIC_URL's, see lib/urls/base-path.ts): links would break.
      else if (v && basePathOf(v) !== BASE_PATH)
        ctx.addIssue({
          code: "custom",
          message: BASE_PATH
            ? `The URL's path must be ${BASE_PATH}, where Upstate is served (set by PUBLIC_URL when it was built).`
            : "Upstate is served at the root of its host: leave the path out, or set PUBLIC_URL with the path and restart.",
        });
    }),
  timeZone: z.string().trim().refine(isValidTimeZone, "Enter an IANA time zone name, such as America/New_York or Europe/Berlin."),
  brandColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Enter a colour as #rrggbb."),
  logoUrl: optionalUrl("The logo URL"),
  supportUrl: optionalUrl("The support URL"),
  /** The channels visitors may subscribe with; absent keeps what is stored. */
  subscribeChannels: z
    .array(z.enum(SUBSCRIBER_CHANNELS, { error: "Choose channels from the list." }))
    .max(5)
    .optional(),
  mailSenderName: z
    .string()
    .trim()
    .max(100, "Keep the sender name under 100 characters.")
    // A line break would let the name add mail headers.
    .refine((v) => !/[\r\n<>"]/.test(v), "The sender name cannot contain line breaks, quotes or angle brackets.")
    .transform((v) => v || null)
    .optional(),
  mailReplyTo: z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(emailAddress.nullable())
    .optional(),
});
export type PageSettingsInput = z.input<typeof pageSettingsSchema>;

/** Admin only: the page's name, URL, time zone, colour, logo, support link and subscription options. */
export async function updatePageSettings(options: { db: Db; actor: Actor; input: PageSettingsInput }): Promise<void> {
  assertCan(options.actor, "page.settings");
  const { version, subscribeChannels, ...fields } = parseInput(pageSettingsSchema, options.input);
  const input = { ...fields, ...(subscribeChannels ? { subscribeChannels: [...new Set(subscribeChannels)] } : {}) };
  await inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "page.settings");
    const before = await tx.pageSettings.findUnique({ where: { id: 1 } });
    if (before && before.version !== version) {
      throw new ConflictError(
        `Someone changed the page settings after you opened them (the name is now “${before.name}”, time zone ${before.timeZone}). Save again to replace them.`,
        before.version,
      );
    }
    await tx.pageSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...input },
      update: { ...input, version: { increment: 1 } },
    });
    await writeAudit(tx, {
      actor: options.actor,
      action: "page_settings.updated",
      targetType: "page_settings",
      targetId: "1",
      before: before ?? undefined,
      after: input,
    });
    await notifyPublicChange(tx, { all: true });
  });
}
