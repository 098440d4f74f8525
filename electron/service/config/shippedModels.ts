import { readFileSync } from 'node:fs';
import { modelRegisterSchema, type ShippedModel } from '../../../shared/schemas/modelRegister';
import { modelRegisterPath } from '../runtime/resourcePaths';

let cached: ShippedModel[] | null = null;

/**
 * The models this build ships, from the register that decided what was copied
 * (resources/model-licences.json): name, package, use, upstream, licence and standing.
 */
export function shippedModels(): ShippedModel[] {
  if (cached) return cached;
  const register = modelRegisterSchema.parse(JSON.parse(readFileSync(modelRegisterPath(), 'utf8')));
  cached = register.models.map(({ id, name, package: pkg, usedFor, upstream, licence, status }) => ({ id, name, package: pkg, usedFor, upstream, licence, status }));
  return cached;
}
