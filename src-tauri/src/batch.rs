//! [`Batcher`]: what an open socket hears (frames, Socket.IO moments), handed to the window in
//! batches, at most one channel message every [`EVERY`], however fast the socket talks (one
//! message per frame, at 100,000 frames, queued more work in the webview than it could do and
//! its memory grew without bound).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use tauri::ipc::{Channel, IpcResponse};
use tokio_util::sync::CancellationToken;

/// How often what was heard is handed to the window.
pub const EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Most items one batch carries: the timelines keep 5,000, so older ones of a bigger batch
/// are only counted.
pub const KEPT: usize = 5_000;

/// Items heard and not yet handed to the window.
struct Batch<T> {
    items: VecDeque<T>,
    skipped: u64,
}

impl<T> Batch<T> {
    /// What to send, leaving this batch empty; `None` when nothing came.
    fn take(&mut self) -> Option<(Vec<T>, u64)> {
        if self.items.is_empty() && self.skipped == 0 {
            return None;
        }
        let skipped = std::mem::take(&mut self.skipped);
        Some((std::mem::take(&mut self.items).into(), skipped))
    }
}

type Shared<T> = Arc<Mutex<Batch<T>>>;

fn lock<T>(batch: &Shared<T>) -> MutexGuard<'_, Batch<T>> {
    batch.lock().unwrap_or_else(|e| e.into_inner())
}

/// Collects items as a socket hears them and hands them to a channel every [`EVERY`], as the
/// event `wrap` makes of a batch and the count of its items left out (more than [`KEPT`]
/// within one [`EVERY`]). A window that went away hears nothing.
pub struct Batcher<T> {
    batch: Shared<T>,
    over: CancellationToken,
    flusher: tauri::async_runtime::JoinHandle<()>,
}

impl<T: Send + 'static> Batcher<T> {
    /// Starts handing batches to `channel`.
    pub fn start<E: IpcResponse + Send + 'static>(
        channel: Channel<E>,
        wrap: fn(Vec<T>, u64) -> E,
    ) -> Batcher<T> {
        let batch: Shared<T> = Arc::new(Mutex::new(Batch {
            items: VecDeque::new(),
            skipped: 0,
        }));
        let over = CancellationToken::new();
        let flusher = {
            let (batch, over) = (Arc::clone(&batch), over.clone());
            tauri::async_runtime::spawn(async move {
                loop {
                    let last = tokio::select! {
                        () = tokio::time::sleep(EVERY) => false,
                        () = over.cancelled() => true,
                    };
                    let taken = lock(&batch).take();
                    if let Some((items, skipped)) = taken {
                        let _ = channel.send(wrap(items, skipped));
                    }
                    if last {
                        break;
                    }
                }
            })
        };
        Batcher {
            batch,
            over,
            flusher,
        }
    }

    /// A function that adds what it is given to the batch (for a core watcher).
    pub fn hear(&self) -> impl FnMut(T) + Send + 'static {
        let batch = Arc::clone(&self.batch);
        move |item| {
            let mut batch = lock(&batch);
            if batch.items.len() == KEPT {
                batch.items.pop_front();
                batch.skipped += 1;
            }
            batch.items.push_back(item);
        }
    }

    /// Hands the last batch to the window and stops; call before telling the outcome.
    pub async fn finish(self) {
        self.over.cancel();
        let _ = self.flusher.await;
    }
}
