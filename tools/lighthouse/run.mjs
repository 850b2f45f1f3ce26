// Lighthouse on a running BedCoord (demo data), mobile and desktop. Not part of CI: a measurement to run by hand.
//   cd tools/lighthouse && npm ci && CHROME_PATH=/usr/bin/chromium node run.mjs http://127.0.0.1:8170/board [out-dir]
// Prints, per form factor: the four category scores, CLS, LCP, TBT, the page weight (transferred bytes) and requests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const url = process.argv[2] ?? 'http://127.0.0.1:8170/board';
const out = process.argv[3] ?? '/tmp/bedcoord-lighthouse';
mkdirSync(out, { recursive: true });
const bin = join(import.meta.dirname, 'node_modules', '.bin', 'lighthouse');

for (const form of (process.env.FORMS ?? 'mobile,desktop').split(',')) {
  const file = join(out, `${form}.json`);
  const args = [url, '--output=json', `--output-path=${file}`, '--quiet',
    '--only-categories=performance,accessibility,best-practices,seo',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu'];
  if (form === 'desktop') args.push('--preset=desktop');
  execFileSync(bin, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const score = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
  const a = r.audits;
  const items = a['network-requests']?.details?.items ?? [];
  console.log(JSON.stringify({
    form, url,
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
    cls: a['cumulative-layout-shift'].numericValue.toFixed(3),
    lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(a['total-blocking-time'].numericValue),
    weightKiB: Math.round(a['total-byte-weight'].numericValue / 1024),
    requests: items.length,
    failing: Object.values(a).filter((x) => x.score !== null && x.score < 0.9 && x.scoreDisplayMode === 'binary').map((x) => x.id),
  }));
}
