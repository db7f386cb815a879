// Entry of the Electron main process (bundled to dist-electron/main.cjs). The bundle is CommonJS,
// so __dirname is the folder holding the three bundles, in development and inside app.asar alike.
import { runShell } from './shell.js';

runShell(__dirname, process.argv);
