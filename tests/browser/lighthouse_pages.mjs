// Lighthouse (npm, its Node API) on several pages with one Chromium: the command line
// starts Node, loads Lighthouse and launches a browser for each page, about 2-3 s each.
// Each run is Lighthouse's default mobile audit of a fresh load, as `lighthouse URL` does
// (it clears the origin's cache and storage before each page).
// Usage: node lighthouse_pages.mjs OUT_DIR NAME=URL ...; writes OUT_DIR/NAME.json.
// CHROME_PATH names the browser; the flags are those of tests/browser/test_lighthouse.py.
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [outDir, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: JSON.parse(process.env.LIGHTHOUSE_CHROME_FLAGS),
});
let status = 0;
try {
  for (const page of pages) {
    const [name, url] = [page.slice(0, page.indexOf('=')), page.slice(page.indexOf('=') + 1)];
    // Lighthouse 12.2 with Debian's newer Chromium now and then loses the start of the page
    // load in its trace (NO_NAVSTART, "Please run Lighthouse again"): run it again.
    let result;
    for (let attempt = 0; attempt < 3; attempt++) {
      result = await lighthouse(url, {
        port: chrome.port, output: 'json', logLevel: 'error',
        // The full-page screenshot only illustrates a report; no score depends on it. The
        // back/forward cache audit (weight 0, a diagnostic) leaves the page and comes back
        // to see if it is restored: an extra navigation of each page for no score.
        disableFullPageScreenshot: true, skipAudits: ['bf-cache'],
      });
      if (result?.lhr.runtimeError?.code !== 'NO_NAVSTART') break;
    }
    if (!result || result.lhr.runtimeError) {
      console.error(`${name}: ${JSON.stringify(result?.lhr.runtimeError ?? 'no result')}`);
      status = 1;
    }
    if (result) fs.writeFileSync(path.join(outDir, `${name}.json`), result.report);
  }
} finally {
  await chrome.kill();
}
process.exit(status);
