import { SingleBar, Presets } from 'cli-progress';
import type { IngestProgress } from './rag-app.js';

const nothing = (): void => undefined;

/**
 * A cli-progress bar for `ingest()` on stderr (so stdout stays the answers). Returns the
 * `onProgress` callback and `stop()`; prints nothing when stderr is not a terminal unless `force`.
 */
export function ingestProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  force = false,
): { onProgress: (p: IngestProgress) => void; stop: () => void } {
  if (!stream.isTTY && !force) return { onProgress: nothing, stop: nothing };
  const bar = new SingleBar(
    {
      format: 'embedding {bar} {value}/{total} chunks | {duration_formatted}',
      stream,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: force,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      if (p.phase !== 'embed') return;
      if (!started) {
        bar.start(p.total, p.done);
        started = true;
      } else bar.update(p.done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
