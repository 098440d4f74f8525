import { describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../electron/service/runtime/runFfmpeg';

describe('runFfmpeg', () => {
  it('kills a decode that outlives its timeout and says so', async () => {
    const started = Date.now();
    // Ten minutes of generated video to nowhere: far longer than the timeout.
    await expect(runFfmpeg(['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=30:duration=600', '-f', 'null', '-'], 'the clip could not be decoded', 300)).rejects.toThrow(
      /^the clip could not be decoded: ffmpeg was stopped after 0\.3 s$/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("ends an ffmpeg failure's message with ffmpeg's own last error line", async () => {
    await expect(runFfmpeg(['-nostdin', '-v', 'error', '-i', '/nonexistent/clip.mp4', '-f', 'null', '-'], 'no key frames could be taken from the clip')).rejects.toThrow(
      /^no key frames could be taken from the clip: .*No such file or directory/,
    );
  });

  it('resolves when ffmpeg succeeds', async () => {
    await expect(runFfmpeg(['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=1', '-f', 'null', '-'], 'unused')).resolves.toBeUndefined();
  });
});
