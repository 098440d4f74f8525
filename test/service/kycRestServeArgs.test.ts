import { describe, expect, it } from 'vitest';
import { parseServeArgs, UsageError } from '../../electron/service/server/parseServeArgs';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../electron/service/server/kycRest/restContext';

describe('serve: the REST upload limit', () => {
  it('is 15 MB by default and configurable by flag or KYC_MAX_UPLOAD_MB', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(15 * 1024 * 1024);
    expect(parseServeArgs([], {}).maxUploadBytes).toBe(DEFAULT_MAX_UPLOAD_BYTES);
    expect(parseServeArgs(['--max-upload-mb', '2'], {}).maxUploadBytes).toBe(2 * 1024 * 1024);
    expect(parseServeArgs([], { KYC_MAX_UPLOAD_MB: '0.5' }).maxUploadBytes).toBe(512 * 1024);
    expect(() => parseServeArgs(['--max-upload-mb', 'lots'], {})).toThrow(UsageError);
    expect(() => parseServeArgs(['--max-upload-mb', '0'], {})).toThrow(UsageError);
  });
});
