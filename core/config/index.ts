export { loadConfig, CONFIG_FILE_NAME, type LoadConfigOptions } from './load-config.js';
export { describeConfig } from './describe-config.js';
export { CONFIG_SETTINGS, LOG_LEVELS, type CrmMlConfig } from './config-settings.js';
