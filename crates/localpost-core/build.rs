//! Compiles postman-sandbox's boot code (src/script/vendor/postman-sandbox.js, written by
//! scripts/sandbox/vendor.sh) to QuickJS bytecode, so that starting a script sandbox reads
//! bytecode (about a quarter of the time of parsing 2.3 MB of JavaScript) and a build needs no
//! network. The bytecode is written by the same rquickjs version the crate runs it with; the
//! format is checked again when it is read (`script::bytecode`).
//!
//! rquickjs has no safe API for compiling a classic (non-module) script, and the boot code must
//! run as one: it deletes globals, which strict (module) code cannot. Hence the raw calls below.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::path::PathBuf;

use rquickjs::{Context, Runtime, qjs};

const BOOT: &str = "src/script/vendor/postman-sandbox.js";

fn main() {
    println!("cargo::rerun-if-changed={BOOT}");
    let source = std::fs::read_to_string(BOOT).expect("the vendored boot code is readable");
    let bytecode = compile(&source, "postman-sandbox.js");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("postman-sandbox.qbc"), bytecode).expect("OUT_DIR is writable");
}

/// Compiles `source` as a global, sloppy-mode script and serialises the compiled function.
/// Function sources are left out (they would triple the size); line numbers are kept.
fn compile(source: &str, name: &str) -> Vec<u8> {
    let runtime = Runtime::new().expect("a QuickJS runtime");
    let context = Context::full(&runtime).expect("a QuickJS context");
    context.with(|ctx| {
        let code = CString::new(source).expect("the boot code has no NUL byte");
        let name = CString::new(name).expect("the name has no NUL byte");
        let raw = ctx.as_raw().as_ptr();
        // SAFETY: `raw` is the live context of `ctx`; `code` and `name` are NUL-terminated and
        // outlive the call; the returned value is freed below on every path.
        unsafe {
            let flags = qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY;
            let function = qjs::JS_Eval(
                raw,
                code.as_ptr(),
                source.len() as _,
                name.as_ptr(),
                flags as i32,
            );
            assert!(
                !qjs::JS_IsException(function),
                "the vendored boot code does not compile"
            );
            let mut len = 0;
            let flags = qjs::JS_WRITE_OBJ_BYTECODE | qjs::JS_WRITE_OBJ_STRIP_SOURCE;
            let buffer = qjs::JS_WriteObject(raw, &mut len, function, flags as i32);
            qjs::JS_FreeValue(raw, function);
            assert!(!buffer.is_null(), "QuickJS could not write the bytecode");
            let bytes = std::slice::from_raw_parts(buffer, len as usize).to_vec();
            qjs::js_free(raw, buffer.cast());
            bytes
        }
    })
}
