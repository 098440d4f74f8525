// Worker execArgv `--import` for test/analysis/analysisPoolLanes.test.ts: makes tfjs and
// face-api unloadable, as a broken install would, for the worker threads it is given to.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/') || specifier.startsWith('@vladmandic/')) throw new Error('test: ' + specifier + ' cannot be loaded');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
