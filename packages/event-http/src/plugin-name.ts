/** The plugin's name: in errors, logs, schema ownership and template ownership messages. */
export const PLUGIN_NAME = '@stratus/event-http';
