/** CLI commands for indicators, datasets and imports. */
import type { Command } from './common.ts';

export const dataCommands: Record<string, Command> = {};
