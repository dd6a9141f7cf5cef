import { MIN_PASSWORD_LENGTH } from "@/lib/users/schemas.ts";
import { TextField } from "./fields.tsx";

/** A new password typed twice, with the one length rule as its hint. */
export function NewPasswordFields({
  name,
  label,
  errors,
}: {
  name: string;
  label: string;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField
        name={name}
        type="password"
        label={label}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        autoComplete="new-password"
        error={errors[name]}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={`${label} again`}
        autoComplete="new-password"
        error={errors.confirmPassword}
      />
    </>
  );
}
