export type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string };

/**
 * The signing-in person's claims: the ID token's when it names the email and says whether the
 * provider verified it (most providers put both there), else those of the provider's userinfo
 * endpoint, as OpenID Connect allows (a conformant provider such as oidc-provider gives scope
 * claims only there). Userinfo must be about the same subject as the validated ID token, or
 * nothing from it is used. An email counts as verified only with `email_verified: true` for that
 * very email (lib/auth/admit-sso-user.ts).
 */
export async function resolveOidcProfile(
  idToken: OidcProfile,
  fetchUserinfo: () => Promise<Record<string, unknown>>,
): Promise<OidcProfile> {
  if (idToken.email && typeof idToken.email_verified === "boolean") return idToken;
  const info = await fetchUserinfo();
  if (info.sub !== idToken.sub || typeof info.email !== "string") return idToken;
  return {
    ...idToken,
    email: info.email,
    // Userinfo's verdict is about userinfo's email; the ID token's says nothing about another one.
    email_verified:
      typeof info.email_verified === "boolean"
        ? info.email_verified
        : info.email === idToken.email
          ? idToken.email_verified
          : undefined,
    name: idToken.name ?? (typeof info.name === "string" ? info.name : undefined),
  };
}
