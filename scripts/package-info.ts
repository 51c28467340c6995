// What a release takes from package.json: the version (the Excel manifest's <Version>, raised with
// each release) and where users get support (the help pages' contact, from "bugs").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageInfo {
  version: string;
  contact?: string;
}

export function packageInfo(root: string): PackageInfo {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bugs?: string | { url?: string; email?: string } };
  const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : (pkg.bugs?.url ?? pkg.bugs?.email);
  return { version: pkg.version, contact: bugs || undefined };
}

/**
 * The manifest's four-part version from package.json's three-part one: 1.2.3 -> 1.2.3.0. Office
 * compares versions part by part to offer the update, and the schema allows at most four parts of
 * up to five digits; a pre-release tag (1.2.3-beta) has no place in it, so it is refused.
 */
export function manifestVersion(version: string): string {
  const parts = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(version);
  if (!parts) throw new Error(`package.json's version must be three numbers such as 1.2.3 for the Excel manifest (got "${version}")`);
  return `${version}.0`;
}
