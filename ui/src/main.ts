// First: marks the start of the script's evaluation (the modules below evaluate after it).
import './lib/script-start';
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { takeBoot } from './lib/boot';
import { afterFirstFrame } from './lib/first-frame';
import { preferences } from './lib/state/preferences.svelte';
import { workspace } from './lib/state/workspace.svelte';
import { mark } from './lib/trace';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The theme is on the root before the first frame: the stored one when the shell handed the
// window its first frame (fonts, look, workspaces and tree: `boot.ts`), else the system's until
// the stored one loads.
preferences.attach(document.documentElement);
const boot = takeBoot();
if (boot) {
  preferences.start(boot);
  workspace.start(boot);
  // The rest of the preferences are not on the first frame.
  afterFirstFrame(() => void preferences.load());
} else {
  void preferences.load();
}

// Marks on the page's timeline, read by the desktop measures' trace (`make bench`).
mark('script-run');
const app = mount(App, { target });
mark('app-mounted');
export default app;
