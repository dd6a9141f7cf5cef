export type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string };

/**
 * The signing-in person's claims: the ID token's when it names the email (most providers put it
 * there), else those of the provider's userinfo endpoint, as OpenID Connect allows (a conformant
 * provider such as oidc-provider gives scope claims only there). Userinfo must be about the same
 * subject as the validated ID token, or nothing from it is used.
 */
export async function resolveOidcProfile(
  idToken: OidcProfile,
  fetchUserinfo: () => Promise<Record<string, unknown>>,
): Promise<OidcProfile> {
  if (idToken.email) return idToken;
  const info = await fetchUserinfo();
  if (info.sub !== idToken.sub) return idToken;
  return {
    ...idToken,
    email: typeof info.email === "string" ? info.email : undefined,
    email_verified: typeof info.email_verified === "boolean" ? info.email_verified : idToken.email_verified,
    name: idToken.name ?? (typeof info.name === "string" ? info.name : undefined),
  };
}
