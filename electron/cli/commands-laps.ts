/** CLI commands for LAPs and LAP sets. */
import type { Command } from './common.ts';

export const lapCommands: Record<string, Command> = {};
