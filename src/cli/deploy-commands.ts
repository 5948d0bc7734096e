import { REST, Routes } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig } from '../config.ts';

/**
 * `npm run deploy-commands`: registers the slash commands once, to DISCORD_GUILD_ID (instant, for development) or
 * globally (can take up to an hour to appear). The bot never re-registers them on start.
 */

try {
  const config = await loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Deploying commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).');
  }
  const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN);
  const body = commands.map((command) => command.data.toJSON());
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, { body })) as unknown[];
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'every server (global; may take up to an hour to show)';
  process.stdout.write(
    `Registered ${registered.length} commands (${commands.map((command) => `/${command.data.name}`).join(', ')}) for ${where}.\n`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof ConfigError ? message : `Could not register the commands: ${message}`}\n`);
  process.exitCode = 1;
}
