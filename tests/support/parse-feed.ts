import { Readable } from "node:stream";
import FeedParser from "feedparser";

function run(xml: string, strict: boolean): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  const parser = new FeedParser({ strict, normalize: true, resume_saxerror: !strict });
  const items: FeedParser.Item[] = [];
  return new Promise((resolve, reject) => {
    parser.on("error", reject);
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    parser.on("readable", () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    Readable.from([xml]).pipe(parser);
  });
}

/**
 * Parses an Atom or RSS document with a real feed parser. A strict pass first rejects anything
 * that is not well-formed XML; the feed is then read in feedparser's usual mode, because its
 * strict mode keeps RSS's camel-case names (`pubDate`) that its field mapping does not expect.
 */
export async function parseFeed(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  await run(xml, true);
  return run(xml, false);
}
