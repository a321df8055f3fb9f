//! Starting postman-sandbox from the QuickJS bytecode `build.rs` compiled, and the one place
//! outside the build script where the crate uses `unsafe`: rquickjs reads bytecode only for
//! modules, and the boot code must run as a classic sloppy-mode script (it deletes globals).
#![allow(unsafe_code)]

use rquickjs::{Ctx, qjs};

/// postman-sandbox 4.7.1's boot code, compiled at build time.
static BOOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postman-sandbox.qbc"));

/// Reads the boot bytecode into `ctx` and runs it. An exception it throws is left pending on
/// `ctx` (as with any rquickjs call), for the caller to catch.
pub(crate) fn run_boot(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is the live context of `ctx`, used on this thread only. BOOT was written by
    // `JS_WriteObject` of the same rquickjs (QuickJS-NG) version in build.rs, from our vendored
    // file, so it is trusted input; JS_ReadObject still checks its version tag and fails
    // cleanly on a mismatch. `JS_EvalFunction` takes ownership of the function it is given;
    // the completion value it returns is freed here, unused.
    unsafe {
        let function = qjs::JS_ReadObject(
            raw,
            BOOT.as_ptr(),
            BOOT.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        );
        if qjs::JS_IsException(function) {
            return Err(rquickjs::Error::Exception);
        }
        let result = qjs::JS_EvalFunction(raw, function);
        if qjs::JS_IsException(result) {
            return Err(rquickjs::Error::Exception);
        }
        qjs::JS_FreeValue(raw, result);
    }
    Ok(())
}
