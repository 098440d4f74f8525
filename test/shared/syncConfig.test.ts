import { describe, expect, it } from 'vitest';
import { centralConfigSchema, diditConfigSchema, killbConfigSchema } from '../../shared/schemas/sync';

describe('remote addresses', () => {
  it('take http and https only, each refusal naming the field', () => {
    expect(killbConfigSchema.safeParse({ baseUrl: 'https://killb.example.com', email: 'a@b.co' }).success).toBe(true);
    expect(centralConfigSchema.safeParse({ baseUrl: 'http://127.0.0.1:8080' }).success).toBe(true);
    for (const baseUrl of ['ftp://example', 'file:///etc/passwd', 'not a url']) {
      expect(centralConfigSchema.safeParse({ baseUrl }).error?.issues[0]?.message, baseUrl).toBe('baseUrl must be an http:// or https:// address');
    }
    expect(diditConfigSchema.safeParse({ baseUrl: 'https://verification.didit.me', callbackUrl: 'javascript:alert(1)' }).error?.issues[0]?.message).toBe('callbackUrl must be an http:// or https:// address');
  });
});
