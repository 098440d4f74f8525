import type { ServiceError } from '../../../shared/result';

/**
 * The service's message as a person reads it: the service prefixes a field's path for API clients
 * ("config.email: email is not a valid address"), which the UI shows beside the field or not at all.
 */
export function errorMessage(error: ServiceError): string {
  const prefix = error.field ? `${error.field}: ` : null;
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
