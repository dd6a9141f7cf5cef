// What the API's handlers read of a request: a fetch Request is one (Next's routes pass theirs),
// and so is the plain object the server in front of Next makes from Node's request (fromNodeParts),
// without building a fetch Request and its body stream for every write.

/** Reads a header by name, any case; repeated headers joined with ", " as fetch's Headers does. */
export type HeaderReader = { get(name: string): string | null };

export type ApiRequest = {
  method: string;
  /** Absolute: only its path and query are read. */
  url: string;
  headers: HeaderReader;
  /** The body decoded as UTF-8 (a byte-order mark dropped), "" when there is none. */
  text(): Promise<string>;
};

const UTF8 = new TextDecoder();

/**
 * A request from its parts as Node reads them: the path and query, `rawHeaders` (name, value,
 * name, value…) and the body's bytes.
 */
export function fromNodeParts(parts: {
  method: string;
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array | null;
}): ApiRequest {
  const byName = new Map<string, string>();
  const raw = parts.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!.trim();
    const before = byName.get(name);
    byName.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  const body = parts.body;
  return {
    method: parts.method,
    // Only the path and query are read from the URL: the host is a fixed, valid stand-in.
    url: `http://upstate.invalid${parts.url}`,
    headers: { get: (name) => byName.get(name.toLowerCase()) ?? null },
    text: async () => (body ? UTF8.decode(body) : ""),
  };
}
