#!/usr/bin/env node
// The `kyc` command line (package.json "bin"): runs the TypeScript entry through tsx.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/service/cli/kyc/kycCli.ts');
process.exitCode = await main(process.argv.slice(2));
