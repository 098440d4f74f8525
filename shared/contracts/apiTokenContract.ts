/** Operations of this area; spread into `contract` in shared/contract.ts. */
export const apiTokenContract = {} as const;
