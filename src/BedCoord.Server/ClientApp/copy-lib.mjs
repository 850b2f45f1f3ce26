// The pages load plain ES modules; third-party code (SignalR's browser build, uPlot for the trend charts)
// is copied from node_modules into wwwroot/lib and served from there, never from a CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const targetDir = join(here, '..', 'wwwroot', 'lib');

// [source under node_modules, name in wwwroot/lib]
const files = [
  [['@microsoft', 'signalr', 'dist', 'browser', 'signalr.min.js'], 'signalr.min.js'],
  [['uplot', 'dist', 'uPlot.iife.min.js'], 'uPlot.iife.min.js'],
  [['uplot', 'dist', 'uPlot.min.css'], 'uPlot.min.css'],
  [['uplot', 'LICENSE'], 'uPlot.LICENSE.txt'],
];

mkdirSync(targetDir, { recursive: true });
for (const [source, target] of files) {
  copyFileSync(join(modules, ...source), join(targetDir, target));
  console.log(`copied ${target} to wwwroot/lib`);
}
