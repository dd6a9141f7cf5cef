/**
 * Whether a request's path has percent-encoding that does not decode (`/api/auth/signout%E0`).
 * Next answers such a path in a dynamic route with a 500; it is the client's mistake, a 400.
 */
export function hasMalformedPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?", 1)[0]!;
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}
