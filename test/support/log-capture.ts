import { Writable } from 'node:stream';
import { type Params, PinoLogger } from 'nestjs-pino';
import type { Options } from 'pino-http';

/** Every line the apps of this test file logged, once `capturingLogs` is in place. */
export const capturedLogLines: string[] = [];

const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    capturedLogLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let capturing = false;

/**
 * The app's own logger options (redaction, serializers, levels), writing JSON lines into
 * `capturedLogLines` instead of stdout. nestjs-pino builds one root logger per process, on the
 * first app: capture must start with the first app of a test file, and then sees every later one.
 */
export function capturingLogs(params: Params): Params {
  if (PinoLogger.root && !capturing) {
    throw new Error('Log capture must start with the first app of the test file');
  }
  capturing = true;
  const options = params.pinoHttp as Options;
  return { ...params, pinoHttp: [{ ...options, transport: undefined }, sink] };
}
