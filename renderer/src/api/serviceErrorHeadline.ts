import type { TFunction } from 'i18next';
import { ErrorCode } from '../../../shared/errorCodes';

// A code's meaning in the UI's language heads the service's own (English, specific) message.
const CODE_NAMES = new Map(Object.entries(ErrorCode).map(([name, code]) => [code as string, name]));

/** What a service error code means, in the UI's language; null for a code this build does not know. */
export function serviceErrorHeadline(code: string | undefined, t: TFunction): string | null {
  const name = code ? CODE_NAMES.get(code) : undefined;
  return name ? t(`serviceError.${name}`) : null;
}
