//! How WebKitGTK paints the window, chosen before WebKit starts.
//!
//! WebKitGTK (2.46 and later) paints the page's layers with Skia on the GPU when it can. On a
//! machine without one, that "GPU" is Mesa's llvmpipe: every tile is rasterised by GL in
//! software, on the web process's main thread, and both cores of a small machine go to it. There
//! WebKit's own CPU painting (Skia on worker threads) is faster and lighter: measured by `make
//! bench` (release builds) on a machine with no GPU, the window idles with about 20 MB less,
//! holds a 50 MB body open with about 70 MB less and stalls 37–95 ms opening it rather than
//! 163–272 ms; it shows its tree in about the same time. So,
//! when the machine shows no GPU and the user has not chosen, the app asks WebKit to paint on
//! the CPU. Compositing stays on either way (without it WebKitWebDriver hangs, and with it
//! WebKit keeps scrolling off the main thread).

use std::path::Path;

/// WebKitGTK's switch: set (to `1`) it paints layers on the CPU. A value the user set, whatever
/// it is, is left alone: `WEBKIT_SKIA_ENABLE_CPU_RENDERING=0` keeps WebKit's default.
pub const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// How the window is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painting {
    /// As WebKit chooses (on the GPU when there is one), or as the user set [`CPU_PAINTING`].
    AsWebKitChooses,
    /// On the CPU: the app set [`CPU_PAINTING`], the machine showing no GPU.
    Cpu,
}

/// What to do, given whether the user set [`CPU_PAINTING`] and whether there is a GPU.
pub fn decide(is_set_by_user: bool, has_gpu: bool) -> Painting {
    if is_set_by_user || has_gpu {
        Painting::AsWebKitChooses
    } else {
        Painting::Cpu
    }
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
    let painting = decide(
        std::env::var_os(CPU_PAINTING).is_some(),
        has_gpu(Path::new("/dev")),
    );
    if painting == Painting::Cpu {
        set_switch();
    }
    painting
}

#[allow(unsafe_code)]
fn set_switch() {
    // SAFETY: `set_var` is unsafe because another thread may read the environment at the same
    // time. `choose` runs first in `main`, before the app, GTK, WebKit or any runtime has
    // started a thread, so none can.
    unsafe { std::env::set_var(CPU_PAINTING, "1") };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_on_the_cpu_only_without_a_gpu_and_without_the_users_choice() {
        assert_eq!(decide(false, false), Painting::Cpu);
        assert_eq!(decide(false, true), Painting::AsWebKitChooses);
        assert_eq!(decide(true, false), Painting::AsWebKitChooses);
        assert_eq!(decide(true, true), Painting::AsWebKitChooses);
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
