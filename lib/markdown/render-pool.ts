import { Worker } from "node:worker_threads";
import type { Root } from "hast";
import {
  failedRenderingHtml,
  GFM_OPTIONS,
  htmlFromTree,
  isParsedAsMarkdown,
  keepRendering,
  keptRendering,
  markdownToHtml,
} from "./markdown-to-html.ts";

// Parsing markdown (micromark, through remark) is the costly part of rendering it: about 100 ms
// for a 20,000-character update or a thousand list items, on the thread that also answers every
// cached page. Pages therefore parse the texts they show here first, in a worker thread; this
// thread only turns the parsed tree into HTML (a few milliseconds) and keeps it, so the page's
// own markdownToHtml calls find every text kept. A text the worker has not parsed within the
// budget is shown as plain text from then on (and logged once), and the worker is replaced.

/** How long the worker may spend on one text: accepted texts take about 100 ms, and a few times that on a busy machine. */
const RENDER_BUDGET_MS = 5_000;
let budgetMs = RENDER_BUDGET_MS;

/** For tests: a budget that real texts go over. */
export function setRenderBudgetForTests(ms: number = RENDER_BUDGET_MS): void {
  budgetMs = ms;
}

// The worker runs plain JavaScript (it is not part of the Next.js build): it loads the same remark
// plugins from node_modules, with the same options, and sends back the HTML tree.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const ready = Promise.all([import("unified"), import("remark-parse"), import("remark-gfm"), import("remark-rehype")]).then(
  ([{ unified }, { default: remarkParse }, { default: remarkGfm }, { default: remarkRehype }]) =>
    unified().use(remarkParse).use(remarkGfm, ${JSON.stringify(GFM_OPTIONS)}).use(remarkRehype),
);
ready.then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ unavailable: String(error) }));
// Positions in the source are not needed for HTML: without them, the tree is half the size to copy.
const withoutPositions = (node) => {
  delete node.position;
  if (node.children) for (const child of node.children) withoutPositions(child);
  return node;
};
parentPort.on("message", async (source) => {
  const processor = await ready;
  try {
    parentPort.postMessage({ tree: withoutPositions(processor.runSync(processor.parse(source))) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

type Reply = { ready: true } | { tree: Root } | { error: string } | { unavailable: string };
type Job = { source: string; done: () => void };

const waiting: Job[] = [];
const pending = new Map<string, Promise<void>>();
let worker: Worker | null = null;
// Loading the plugins takes a second or so on a busy machine: the budget starts after it.
let workerReady = false;
let current: { job: Job; timer: NodeJS.Timeout } | null = null;
let unavailable = false;

function finish(job: Job, html: Parameters<typeof keepRendering>[1]) {
  keepRendering(job.source, html);
  pending.delete(job.source);
  job.done();
}

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    // A larger young generation: parsing makes much short-lived garbage, and scavenging it
    // took a third of the time with the default size. The old generation is bounded.
    resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 256 },
  });
  // Nothing waits for an idle worker: it must not keep a script or test process alive.
  started.unref();
  started.on("message", (reply: Reply) => {
    if (started !== worker) return;
    if ("ready" in reply) {
      workerReady = true;
      next();
      return;
    }
    if ("unavailable" in reply) {
      giveUp(started, reply.unavailable);
      return;
    }
    if (!current) return;
    const { job, timer } = current;
    clearTimeout(timer);
    current = null;
    if ("tree" in reply) {
      let html: ReturnType<typeof htmlFromTree>;
      try {
        html = htmlFromTree(reply.tree, job.source);
      } catch (error) {
        html = failedRenderingHtml(job.source, error);
      }
      finish(job, html);
    } else finish(job, failedRenderingHtml(job.source, new Error(reply.error)));
    next();
  });
  // Out of memory, or a crash: the text it was parsing is shown as plain text, the rest go on.
  started.on("error", (error) => abandonCurrent(started, error));
  started.on("exit", (code) => abandonCurrent(started, new Error(`the render worker exited (${code})`)));
  return started;
}

function retire(old: Worker) {
  if (worker === old) {
    worker = null;
    workerReady = false;
  }
  return old.terminate().catch(() => {});
}

// Without the worker (node_modules out of reach, no memory for it), texts are parsed on this
// thread, as before it existed.
function giveUp(failed: Worker, reason: string) {
  console.error(`The markdown render worker could not start; rendering on the main thread: ${reason}`);
  unavailable = true;
  void retire(failed);
  // markdownToHtml keeps what it renders.
  for (const job of waiting.splice(0)) finish(job, markdownToHtml(job.source));
}

function abandonCurrent(failed: Worker, error: unknown) {
  if (failed !== worker) return;
  if (!workerReady) return giveUp(failed, String(error));
  worker = null;
  workerReady = false;
  if (current) {
    clearTimeout(current.timer);
    const { job } = current;
    current = null;
    finish(job, failedRenderingHtml(job.source, error));
  }
  next();
}

function next() {
  if (current || unavailable || waiting.length === 0) return;
  worker ??= startWorker();
  if (!workerReady) return;
  const running = worker;
  const job = waiting.shift()!;
  current = {
    job,
    timer: setTimeout(() => {
      if (current?.job !== job) return;
      current = null;
      void retire(running);
      finish(job, failedRenderingHtml(job.source, new Error(`not parsed within ${budgetMs} ms`)));
      next();
    }, budgetMs),
  };
  running.postMessage(job.source);
}

/**
 * Parses the texts a page is about to show in the render worker and keeps their HTML, so that
 * the page's markdownToHtml calls cost this thread next to nothing. Resolves when all are kept.
 */
export function prerenderMarkdown(sources: Iterable<string>): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const source of new Set(sources)) {
    // Kept ones are done (the common case: checked first, it costs a lookup); plain text (over
    // the limits) costs nothing to render.
    if (keptRendering(source) !== undefined || !isParsedAsMarkdown(source)) continue;
    if (unavailable) {
      markdownToHtml(source);
      continue;
    }
    let wait = pending.get(source);
    if (!wait) {
      wait = new Promise<void>((done) => waiting.push({ source, done }));
      pending.set(source, wait);
    }
    waits.push(wait);
  }
  next();
  return Promise.all(waits).then(() => {});
}
