import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.ts';
import { redact } from '../src/log.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('configuration from the environment', () => {
  it('has working defaults and treats empty values as unset', () => {
    const config = readConfig({ DISCORD_TOKEN: '', MODERATOR_ROLE_IDS: '', KNOWLEDGE_DIR: '' });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config).toMatchObject({
      DISCORD_API_BASE: 'https://discord.com/api',
      KNOWLEDGE_DIR: 'knowledge',
      LOG_LEVEL: 'info',
      MODERATOR_ROLE_IDS: [],
    });
  });

  it('splits comma-separated id lists', () => {
    const config = readConfig({ MODERATOR_ROLE_IDS: '123456789012345678, 223456789012345678', ANSWER_CHANNEL_IDS: '323456789012345678,' });
    expect(config.MODERATOR_ROLE_IDS).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.ANSWER_CHANNEL_IDS).toEqual(['323456789012345678']);
    expect(readConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1:8080, files.test' }).FETCH_ALLOW_HOSTS).toEqual(['127.0.0.1:8080', 'files.test']);
    expect(() => readConfig({ FETCH_ALLOW_HOSTS: 'http://evil/' })).toThrow(/FETCH_ALLOW_HOSTS/);
    expect(() => readConfig({ INTERACTIONS_PORT: '8080' })).toThrow(/INTERACTIONS_PORT.*DISCORD_PUBLIC_KEY/);
  });

  it('names the invalid variable in one line', () => {
    expect(() => readConfig({ MODERATOR_USER_IDS: '12,abc' })).toThrow(ConfigError);
    expect(() => readConfig({ MODERATOR_USER_IDS: '12,abc' })).toThrow(
      /^Invalid environment variable MODERATOR_USER_IDS: .+\. See \.env\.example\.$/,
    );
    expect(() => readConfig({ DISCORD_API_BASE: 'not a url' })).toThrow(/DISCORD_API_BASE/);
  });

  it('never repeats the token in an error or a log line', () => {
    let message = '';
    try {
      readConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('LOG_LEVEL');
    expect(message).not.toContain(TOKEN);
    expect(redact(`login failed for ${TOKEN}`)).toBe('login failed for [redacted token]');
  });
});
