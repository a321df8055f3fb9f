//! How WebKitGTK paints the window, chosen before WebKit starts.
//!
//! WebKitGTK (2.46 and later) paints the page's layers with Skia on the GPU when it can, and
//! (2.42 and later) hands each frame to the window as a DMA-BUF. On a machine without a GPU,
//! that "GPU" is Mesa's llvmpipe: every tile is rasterised by GL in software, on the web
//! process's main thread, and the frames are software GL buffers too. There the app asks WebKit
//! to paint on the CPU (Skia on worker threads) and, in an X11 session, to hand frames over in
//! shared memory rather than DMA-BUFs. Measured by `make bench` (release builds) on a machine
//! with no GPU, against WebKit's default:
//!
//! - CPU painting alone idles with about 20 MB less, holds a 50 MB body open with about 70 MB
//!   less and stalls 37–95 ms opening it rather than 163–272 ms.
//! - Without the DMA-BUF renderer as well, the window idles with about 55 MB less again (its web
//!   process 109 MB rather than 152–170: it no longer keeps window-sized software GL buffers
//!   beside the images it hands the window, as many as the timing asked for), holds the 50 MB
//!   body with about 70 MB less, stalls 25–32 ms opening it and filters a tree of 10,000
//!   requests in 10 ms a key rather than 24.
//!
//! With frames in shared memory the window is shown once its page has loaded
//! ([`draws_without_dmabuf`]). Compositing stays on either way (without it WebKitWebDriver
//! hangs, and with it WebKit keeps scrolling off the main thread). A session on Wayland keeps
//! the DMA-BUF renderer, which is how WebKit draws there. A user who sets either switch decides
//! both: the app sets neither.

use std::path::Path;

/// WebKitGTK's switch: set (to `1`) it paints layers on the CPU. A value the user set, whatever
/// it is, is left alone: `WEBKIT_SKIA_ENABLE_CPU_RENDERING=0` keeps WebKit's default.
pub const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// WebKitGTK's switch: set (to `1`) it hands frames to the window in shared memory rather than
/// as DMA-BUFs. Left alone when the user set it or [`CPU_PAINTING`].
pub const DMABUF_OFF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// How the window is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painting {
    /// As WebKit chooses (on the GPU when there is one), or as the user set [`CPU_PAINTING`].
    AsWebKitChooses,
    /// On the CPU, frames handed over as DMA-BUFs: the app set [`CPU_PAINTING`], the machine
    /// showing no GPU, in a session that is not X11.
    Cpu,
    /// On the CPU, frames handed over in shared memory: the app set [`CPU_PAINTING`] and
    /// [`DMABUF_OFF`], the machine showing no GPU, in an X11 session.
    CpuSharedMemory,
}

/// What to do, given whether the user set [`CPU_PAINTING`] or [`DMABUF_OFF`], whether there is
/// a GPU and whether the window opens in an X11 session.
pub fn decide(is_set_by_user: bool, has_gpu: bool, is_x11: bool) -> Painting {
    if is_set_by_user || has_gpu {
        Painting::AsWebKitChooses
    } else if is_x11 {
        Painting::CpuSharedMemory
    } else {
        Painting::Cpu
    }
}

/// Whether GTK opens its windows on X11, judged from the environment as GTK's own choice is:
/// `GDK_BACKEND` when it names one, else Wayland when `WAYLAND_DISPLAY` is set, else X11 when
/// `DISPLAY` is.
pub fn is_x11(gdk_backend: Option<&str>, wayland_display: bool, display: bool) -> bool {
    match gdk_backend.and_then(|b| b.split(',').next()).map(str::trim) {
        Some("x11") => true,
        Some("wayland") => false,
        _ => !wayland_display && display,
    }
}

/// Whether WebKit draws the window through a path that is not the DMA-BUF renderer: frames in
/// shared memory ([`DMABUF_OFF`]) or no accelerated compositing at all, each switched on by a
/// value other than `0`, as WebKit reads them. On those paths, when GTK first draws a window
/// whose page has not yet handed over a frame, WebKit's shell side asks the page for one and
/// waits for it on the main thread, up to 0.5 s; a page that is loading cannot answer while
/// the main thread that serves its files waits. `make bench` saw that in about a third of the
/// starts. Such a window is therefore shown once its page has loaded (`lib.rs`).
pub fn draws_without_dmabuf() -> bool {
    let on = |name: &str| std::env::var_os(name).is_some_and(|v| v != "0");
    on(DMABUF_OFF) || on("WEBKIT_DISABLE_COMPOSITING_MODE")
}

/// Whether a program can render on a GPU here, judged from the devices in `dev` (`/dev`): a
/// DRM render node (`dri/renderD*`, which Mesa's hardware drivers and NVIDIA's DRM driver
/// create) or NVIDIA's own control device. Without either, GL is software.
pub fn has_gpu(dev: &Path) -> bool {
    let render_node = std::fs::read_dir(dev.join("dri")).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    render_node || dev.join("nvidiactl").exists()
}

/// Chooses how the window is painted ([`decide`]) and tells WebKit through its environment
/// switch, which its web process inherits. Call it first in `main`, before any thread starts.
pub fn choose() -> Painting {
    if !cfg!(target_os = "linux") {
        return Painting::AsWebKitChooses;
    }
    let present = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let painting = decide(
        std::env::var_os(CPU_PAINTING).is_some() || std::env::var_os(DMABUF_OFF).is_some(),
        has_gpu(Path::new("/dev")),
        is_x11(
            std::env::var("GDK_BACKEND").ok().as_deref(),
            present("WAYLAND_DISPLAY"),
            present("DISPLAY"),
        ),
    );
    match painting {
        Painting::AsWebKitChooses => {}
        Painting::Cpu => set_switches(&[CPU_PAINTING]),
        Painting::CpuSharedMemory => set_switches(&[CPU_PAINTING, DMABUF_OFF]),
    }
    painting
}

#[allow(unsafe_code)]
fn set_switches(names: &[&str]) {
    for name in names {
        // SAFETY: `set_var` is unsafe because another thread may read the environment at the
        // same time. `choose` runs first in `main`, before the app, GTK, WebKit or any runtime
        // has started a thread, so none can.
        unsafe { std::env::set_var(name, "1") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_on_the_cpu_only_without_a_gpu_and_without_the_users_choice() {
        assert_eq!(decide(false, false, true), Painting::CpuSharedMemory);
        assert_eq!(decide(false, false, false), Painting::Cpu);
        for is_x11 in [true, false] {
            assert_eq!(decide(false, true, is_x11), Painting::AsWebKitChooses);
            assert_eq!(decide(true, false, is_x11), Painting::AsWebKitChooses);
            assert_eq!(decide(true, true, is_x11), Painting::AsWebKitChooses);
        }
    }

    #[test]
    fn the_session_is_x11_as_gtk_would_choose_it() {
        assert!(is_x11(None, false, true), "DISPLAY alone");
        assert!(!is_x11(None, true, true), "Wayland first when both are set");
        assert!(!is_x11(None, false, false), "neither");
        assert!(is_x11(Some("x11"), true, true), "GDK_BACKEND=x11 wins");
        assert!(is_x11(Some("x11,wayland"), true, false), "its first choice");
        assert!(
            !is_x11(Some("wayland"), false, true),
            "GDK_BACKEND=wayland wins"
        );
        assert!(is_x11(Some("*"), false, true), "any backend: as without it");
    }

    #[test]
    fn a_render_node_or_nvidias_device_is_a_gpu() {
        let dev = tempfile::tempdir().expect("a temporary directory");
        assert!(!has_gpu(dev.path()), "an empty /dev has no GPU");
        std::fs::create_dir(dev.path().join("dri")).expect("dri");
        std::fs::write(dev.path().join("dri/card0"), "").expect("card0");
        assert!(
            !has_gpu(dev.path()),
            "a display card without a render node (a virtual machine's) is no GPU"
        );
        std::fs::write(dev.path().join("dri/renderD128"), "").expect("renderD128");
        assert!(has_gpu(dev.path()));

        let nvidia = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(nvidia.path().join("nvidiactl"), "").expect("nvidiactl");
        assert!(has_gpu(nvidia.path()));
    }
}
