// `npm run demo`: the modelmux tour. `--offline` uses the fake providers even with API keys set.
import { runTour } from './tour.js';

runTour({ mode: process.argv.includes('--offline') ? 'fake' : 'auto' }).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
