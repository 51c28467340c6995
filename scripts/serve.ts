// npm run start:excel: serves dist/excel on https://localhost:3000 with Office's trusted
// development certificates (office-addin-dev-certs creates and trusts them on first run).
import { createServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import { caCertificatePath, localhostCertificatePath, localhostKeyPath } from 'office-addin-dev-certs/lib/defaults.js';

const root = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'excel');
const port = Number(process.env.PORT ?? 3000);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
};

/** The trusted development certificates; where trusting them needs an admin (Linux without sudo),
 * the certificates already made are used and the user is told how to trust them. */
async function certificates() {
  try {
    return await getHttpsServerOptions();
  } catch (e) {
    if (![caCertificatePath, localhostCertificatePath, localhostKeyPath].every((f) => existsSync(f))) throw e;
    console.warn(`Could not trust the development certificate automatically (${(e as Error).message.split('\n')[0].trim()}).`);
    console.warn(`Serving anyway: trust ${caCertificatePath} in your browser or system to load the add-in (see README).`);
    return { ca: readFileSync(caCertificatePath), cert: readFileSync(localhostCertificatePath), key: readFileSync(localhostKeyPath) };
  }
}

async function main(): Promise<void> {
  const options = await certificates();
  createServer(options, async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname));
    const file = join(root, path === sep || path === '/' ? 'taskpane.html' : path);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  }).listen(port, 'localhost', () => {
    console.log(`Serving dist/excel on https://localhost:${port}/ — sideload dist/excel/manifest.xml (see README). Ctrl+C stops.`);
  });
}

main().catch((e: Error) => {
  console.error(`Could not start the dev server: ${e.message}`);
  process.exit(1);
});
