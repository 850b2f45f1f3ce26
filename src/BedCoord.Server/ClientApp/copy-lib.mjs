// The pages load plain ES modules; the only third-party code is SignalR's browser build, served from wwwroot/lib.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'node_modules', '@microsoft', 'signalr', 'dist', 'browser', 'signalr.min.js');
const targetDir = join(here, '..', 'wwwroot', 'lib');
mkdirSync(targetDir, { recursive: true });
copyFileSync(source, join(targetDir, 'signalr.min.js'));
console.log('copied signalr.min.js to wwwroot/lib');
