/**
 * One production build in this process, for `build.ts`: prints the wall time and this process's
 * peak resident memory as JSON on the last line. Configure it with the same environment variables
 * as `npm run build` (CONTENT_DIR, OUT_DIR, BASE_PATH).
 */
import { build } from 'astro';

const started = performance.now();
await build({ logLevel: 'error' });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
