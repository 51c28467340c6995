import { spawnSync } from 'node:child_process';
import { buildAll } from '../../scripts/build';

/** What `git status --porcelain` says, or null outside a git checkout (or without git). */
function gitStatus(): string | null {
  const run = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: `${__dirname}/../..`, encoding: 'utf8' });
  return run.status === 0 ? run.stdout : null;
}

export default async function setup(): Promise<() => void> {
  // The host tests load the built artifacts: build them once before any test runs.
  await buildAll();
  // A test run must leave the checkout as it found it: tests write only under test-artifacts/
  // (ignored) or temporary folders. Compared with the status before the run, so work in progress
  // does not count; the run fails when a test changed, added or removed a file git sees.
  const before = gitStatus();
  return () => {
    const after = gitStatus();
    if (before === null || after === null || after === before) return;
    const lines = (s: string) => new Set(s.split('\n').filter(Boolean));
    const [was, now] = [lines(before), lines(after)];
    const changed = [...now].filter((l) => !was.has(l)).concat([...was].filter((l) => !now.has(l)));
    // Vitest reports an error thrown here but still exits 0: set the exit code as well.
    console.error(`\nThe tests changed the checkout (git status --porcelain):\n${changed.join('\n')}\n`);
    process.exitCode = 1;
  };
}
