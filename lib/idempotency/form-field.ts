/** The hidden field carrying a staff form's one-submission token (components/admin/form-parts.tsx). */
export const IDEMPOTENCY_FIELD = "idempotencyKey";
