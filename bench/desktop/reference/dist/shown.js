// The first frame of the page: what `tree-shown` is to the app (tests/benches/desktop.rs).
requestAnimationFrame(() => performance.mark('shown'));
