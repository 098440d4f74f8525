import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../renderer/src/api/errorMessage';

describe('service errors as the UI words them', () => {
  it('drops the field path the service prefixes for API clients, and keeps everything else', () => {
    expect(errorMessage({ code: 'VALIDATION.0002', field: 'config.email', message: 'config.email: email is not a valid address' })).toBe('email is not a valid address');
    expect(errorMessage({ code: 'AUTH.0004', message: 'wrong email or password' })).toBe('wrong email or password');
    // A message that does not start with its field is shown whole.
    expect(errorMessage({ code: 'USER.0003', field: 'email', message: 'the email is already registered' })).toBe('the email is already registered');
  });
});
