// `account-planner` on the command line.
import { main } from './cli';

// A reader that stops early (`analyze … | head -1`, `| true`) closes the pipe: the rest of the
// output has nowhere to go, which is no failure of the run (the workbook is still written).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
