/** Operations of this area; spread into `contract` in shared/contract.ts. */
export const intakeContract = {} as const;
