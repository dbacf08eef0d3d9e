// Names of the measured configurations, as the tables print them (see configs.mjs).
export const CONFIG_LABEL = {
  none: 'no extension',
  ext: 'our extension',
  devtools: 'DevTools capture (CDP Network.enable)',
};
