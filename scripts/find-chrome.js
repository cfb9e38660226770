// Finds a Chrome or Chromium binary for the tests and the benchmark:
// CHROME_PATH first, then the usual install paths; when there is none, installs
// Debian's `chromium` with apt-get if this machine can, or says exactly how to.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags every launch needs here: no GPU, no background traffic, no sandbox as root. */
export const CHROME_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

function found() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  return CANDIDATES.find((p) => existsSync(p));
}

function canApt() {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** @returns {string} the path of a Chrome/Chromium binary */
export function findChrome() {
  const path = found();
  if (path) return path;
  if (canApt()) {
    console.log('No Chrome or Chromium found: installing Debian\'s "chromium" with apt-get…');
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
      {
        stdio: 'inherit',
      },
    );
    const after = found();
    if (after) return after;
  }
  throw new Error(
    [
      'No Chrome or Chromium found, and it could not be installed automatically.',
      'Install one and run again, for example:',
      '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      '  macOS:          brew install --cask chromium',
      'or point CHROME_PATH at an existing binary:  CHROME_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
}
