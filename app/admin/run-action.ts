import { revalidatePath } from "next/cache";
import type { Actor } from "@/lib/auth/actor.ts";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { type Db, getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { type FormState, saved, submittedValues, toFormState } from "./form-state.ts";

export type ActionContext = { actor: Actor; db: Db; timeZone: string; values: Record<string, string> };

/**
 * The shape of every staff server action: check the session (and role, through `authorize`),
 * run `work`, map its errors to the form, and refresh the page at `path` on success.
 */
export async function runStaffAction(
  formData: FormData,
  options: { path: (values: Record<string, string>) => string; authorize?: () => Promise<Actor> },
  work: (context: ActionContext) => Promise<string>,
): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    const actor = await (options.authorize ?? requireStaff)();
    const db = getDb();
    const { timeZone } = await getPageSettings(db);
    const message = await work({ actor, db, timeZone, values });
    revalidatePath(options.path(values));
    return saved(message);
  } catch (error) {
    return toFormState(error, values);
  }
}
