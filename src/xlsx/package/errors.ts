// Why a package cannot be read, as a key into the runner's sentences (shared/i18n/cli.ts) and the
// values they name: the words are chosen where the language is known, never a library's text.
import type { cliWords } from '../../../shared/i18n/cli';

export type PackageErrorKey = keyof ReturnType<typeof cliWords>['errors'];

export class PackageError extends Error {
  constructor(
    readonly key: PackageErrorKey,
    readonly values: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
  }
}

export const isPackageError = (e: unknown): e is PackageError => e instanceof PackageError;
