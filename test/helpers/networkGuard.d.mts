// The guard only patches globals when imported; it exports nothing.
export {};
