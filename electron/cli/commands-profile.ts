/** CLI commands for profiles. */
import type { Command } from './common.ts';

export const profileCommands: Record<string, Command> = {};
