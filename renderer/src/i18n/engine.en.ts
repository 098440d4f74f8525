import { ENGINE_TERMS, ENGINE_TEXTS, type EngineTerm, type EngineTextKey } from '../../../shared/schemas/engineText';

/** The engine's reasons and details: English is the service's own catalogue. */
export const engineEn: { text: Record<EngineTextKey, string>; term: Record<EngineTerm, string> } = { text: ENGINE_TEXTS, term: ENGINE_TERMS };
