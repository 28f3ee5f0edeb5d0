// `npm run demo`: the modelmux tour. `--offline` uses the fake providers even with API keys set.
import { runTour } from './tour.js';

runTour({ mode: process.argv.includes('--offline') ? 'fake' : 'auto' }).then(
  (report) => {
    if (report.failures.length > 0) process.exitCode = 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
