import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { StaffActor } from "../auth/actor.ts";
import { requireStaff } from "../auth/require-staff.ts";
import { type Db, getDb } from "../db/client.ts";
import { IDEMPOTENCY_FIELD } from "../idempotency/form-field.ts";
import { type IdempotencyKey, readIdempotencyKey, staffScope } from "../idempotency/in-transaction-once.ts";
import { getPageSettings } from "../page/queries.ts";
import { type FormState, saved, submittedValues, toFormState } from "./form-state.ts";

export type ActionContext = {
  actor: StaffActor;
  db: Db;
  timeZone: string;
  values: Record<string, string>;
  /**
   * The form's one-submission token (IDEMPOTENCY_FIELD, set by SubmitButton): pass it to a write
   * that creates something, so that the same submission sent twice writes once.
   */
  idempotency: IdempotencyKey | undefined;
};

async function staffContext(values: Record<string, string>, authorize: () => Promise<StaffActor>): Promise<ActionContext> {
  const actor = await authorize();
  const idempotency = readIdempotencyKey(staffScope(actor), values[IDEMPOTENCY_FIELD]);
  const db = getDb();
  const { timeZone } = await getPageSettings(db);
  return { actor, db, timeZone, values, idempotency };
}

/**
 * The shape of every staff server action: check the session (and role, through `authorize`),
 * run `work`, map its errors to the form, and refresh the page at `path` on success.
 */
export async function runStaffAction(
  formData: FormData,
  options: { path: (values: Record<string, string>) => string; authorize?: () => Promise<StaffActor> },
  work: (context: ActionContext) => Promise<string>,
): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    const message = await work(await staffContext(values, options.authorize ?? requireStaff));
    revalidatePath(options.path(values));
    return saved(message);
  } catch (error) {
    return toFormState(error, values);
  }
}

/**
 * For an action that creates something: the same checks and error mapping, but on success it goes
 * to the address `work` returns. redirect() works by throwing, so it stays outside the try, where
 * toFormState would take it for a failure.
 */
export async function runStaffActionThenRedirect(
  formData: FormData,
  work: (context: ActionContext) => Promise<string>,
): Promise<FormState> {
  const values = submittedValues(formData);
  let path: string;
  try {
    path = await work(await staffContext(values, requireStaff));
  } catch (error) {
    return toFormState(error, values);
  }
  redirect(path);
}
