//! Long work the window waits for but must not draw through: opening a big response body as a
//! document (seconds for 50 MB). It runs on a thread of its own at a low scheduling priority, so
//! that on a machine with few cores the window's drawing (WebKit's web process, its compositor
//! and the shell's main thread) is scheduled first; when nothing else wants the CPU it runs at
//! full speed all the same.

use crate::error::UiError;

/// The nice value of a background thread (0 is normal, 19 the lowest).
const NICENESS: i32 = 10;

/// Runs `work` on a new thread named `name` at [`NICENESS`] and returns its result.
pub async fn run<T, F>(name: &str, work: F) -> Result<T, UiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            lower_priority();
            // The caller may have gone (the window closed): nothing waits for the result then.
            let _ = send.send(work());
        })
        .map_err(|e| UiError::internal(format!("cannot start the {name} thread: {e}")))?;
    receive
        .await
        .map_err(|_| UiError::internal(format!("the {name} thread stopped unexpectedly")))
}

/// Lowers the calling thread's priority. On Linux a nice value belongs to one thread, given by
/// its id; elsewhere it would apply to the whole process, so nothing is changed there. A
/// failure leaves the thread at normal priority, which is only slower to draw beside.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), NICENESS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_the_work_on_a_named_thread_at_a_lower_priority() {
        let (name, nice) = run("localpost-test-background", || {
            let name = std::thread::current().name().map(str::to_owned);
            let nice = read_nice();
            (name, nice)
        })
        .await
        .expect("the thread ran");
        assert_eq!(name.as_deref(), Some("localpost-test-background"));
        #[cfg(target_os = "linux")]
        assert_eq!(nice, Some(NICENESS));
        // The caller's own thread keeps its priority.
        #[cfg(target_os = "linux")]
        assert_eq!(read_nice(), Some(0));
    }

    #[tokio::test]
    async fn a_panic_in_the_work_is_an_error_not_a_hang() {
        let got = run("localpost-test-panic", || -> u32 { panic!("boom") }).await;
        let message = got.expect_err("the panic is reported").message;
        assert!(message.contains("localpost-test-panic"), "{message}");
    }

    /// The calling thread's nice value, from `/proc/thread-self/stat` (field 19).
    fn read_nice() -> Option<i32> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        // The name (field 2) is in parentheses and may hold spaces: count from after it.
        let rest = &stat[stat.rfind(')')? + 2..];
        rest.split(' ').nth(16)?.parse().ok()
    }
}
