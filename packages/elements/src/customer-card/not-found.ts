import { toEngineError } from '@crm-lens/engine';

/**
 * Whether an engine call failed because the dataset has no customer of the requested id (the engine rejects
 * `customerCard` and `suggestions` for an unknown id with an `invalid-request` naming it). The widgets show
 * "customer not found" for it instead of the error state.
 */
export function isCustomerNotFound(error: unknown): boolean {
  const engineError = toEngineError(error);
  return engineError.code === 'invalid-request' && /has no customer "/.test(engineError.message);
}
