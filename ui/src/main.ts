import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { preferences } from './lib/state/preferences.svelte';
import { mark } from './lib/trace';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The theme is on the root before the first frame (the system's, until the stored one loads).
preferences.attach(document.documentElement);
void preferences.load();

// Marks on the page's timeline, read by the desktop measures' trace (`make bench`).
mark('script-run');
const app = mount(App, { target });
mark('app-mounted');
export default app;
