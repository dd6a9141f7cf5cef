// `npm run build`: the production build `npm start` would make, stamped with the sources' hash so
// that a start afterwards finds it current and does not build again.
import { ROOT_DIR } from "../lib/config.ts";
import { buildApp, buildIsCurrent } from "../lib/server/build.ts";

if (await buildIsCurrent(ROOT_DIR)) console.log("[upstate] the build is current");
else await buildApp(ROOT_DIR);
