/**
 * Imported first by `main.ts`, so it runs before every other module of the first script: marks
 * `script-start` on the page's timeline (the desktop measures' trace reads it, with
 * `script-run`, to tell the script's loading from its modules' evaluation).
 */
performance.mark('script-start');
