import { createPluginViteConfig } from '../vite-plugin-config.js';

export default createPluginViteConfig();
