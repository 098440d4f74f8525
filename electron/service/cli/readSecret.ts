import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks on the terminal without echoing what is typed (a password must not stay on screen). */
export function readSecret(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  let muted = true;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      muted = false;
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}
