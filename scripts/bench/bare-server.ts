// The limit for a Node process on this machine: a bare `http` server returning recorded
// responses (same bytes, same headers). Reads the recording from the file named in argv[2].
import { readFileSync } from "node:fs";
import http from "node:http";

type Recorded = Record<string, { status: number; headers: Record<string, string>; body: string }>;
const recorded = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Recorded;
const responses = new Map(Object.entries(recorded).map(([path, r]) => [path, { ...r, body: Buffer.from(r.body, "base64") }]));

const server = http.createServer((req, res) => {
  const r = responses.get(req.url ?? "/");
  if (!r) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(r.status, r.headers);
  res.end(r.body);
});
server.listen(Number(process.argv[3]), "127.0.0.1", () => process.send?.("ready"));
