//! Two small proxies on 127.0.0.1 for black-box tests, each on its own thread and runtime,
//! recording what they saw:
//! - [`HttpProxy`]: `CONNECT host:port` tunnels and absolute-URI requests (`GET http://…`),
//!   answering `407` unless `Proxy-Authorization` is the expected Basic credential;
//! - [`Socks5`]: RFC 1928 `CONNECT` with RFC 1929 user/password authentication (required).
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a proxy saw of one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// HTTP: the request line (`CONNECT 127.0.0.1:8443 HTTP/1.1`, `GET http://… HTTP/1.1`).
    /// SOCKS5: `CONNECT host:port`.
    pub request: String,
    /// HTTP: the `Proxy-Authorization` value; SOCKS5: `user:password`.
    pub credential: Option<String>,
    /// Whether it let the connection through.
    pub is_allowed: bool,
}

type Log = Arc<Mutex<Vec<Seen>>>;

fn spawn<F, Fut>(serve: F) -> (SocketAddr, Log)
where
    F: Fn(TcpStream, Log) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = std::io::Result<()>> + Send + 'static,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    let log: Log = Arc::default();
    let shared = Arc::clone(&log);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = TcpListener::from_std(listener).expect("listener");
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&shared)));
            }
        });
    });
    (addr, log)
}

/// An HTTP proxy that wants `Proxy-Authorization: Basic base64(user:password)`.
pub struct HttpProxy {
    pub addr: SocketAddr,
    log: Log,
}

impl HttpProxy {
    pub fn start(user: &str, password: &str) -> HttpProxy {
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        let (addr, log) = spawn(move |stream, log| serve_http(stream, log, expected.clone()));
        HttpProxy { addr, log }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().expect("log").clone()
    }
}

async fn serve_http(mut client: TcpStream, log: Log, expected: String) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).await? == 0 {
            return Ok(());
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let request = lines.next().unwrap_or_default().to_string();
    let credential = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("proxy-authorization"))
        .map(|(_, v)| v.trim().to_string());
    let is_allowed = credential.as_deref() == Some(expected.as_str());
    log.lock().expect("log").push(Seen {
        request: request.clone(),
        credential,
        is_allowed,
    });
    if !is_allowed {
        client
            .write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                  Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\
                  Connection: close\r\n\r\n",
            )
            .await?;
        return Ok(());
    }
    let mut parts = request.split(' ');
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if method == "CONNECT" {
        let mut upstream = TcpStream::connect(target).await?;
        client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await?;
        tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
        return Ok(());
    }
    // Absolute form: forward in origin form, without the proxy's header.
    let url = url::Url::parse(target).map_err(std::io::Error::other)?;
    let host = format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(80)
    );
    let mut upstream = TcpStream::connect(host).await?;
    let path = &url[url::Position::BeforePath..];
    let mut forwarded = head.replacen(target, path, 1);
    forwarded = forwarded
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("proxy-authorization:"))
        .collect::<Vec<_>>()
        .join("\r\n");
    upstream.write_all(forwarded.as_bytes()).await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

/// A SOCKS5 proxy that wants user `user` with `password`.
pub struct Socks5 {
    pub addr: SocketAddr,
    log: Log,
}

impl Socks5 {
    pub fn start(user: &str, password: &str) -> Socks5 {
        let expected = format!("{user}:{password}");
        let (addr, log) = spawn(move |stream, log| serve_socks(stream, log, expected.clone()));
        Socks5 { addr, log }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().expect("log").clone()
    }
}

async fn read_string(s: &mut TcpStream) -> std::io::Result<String> {
    let len = s.read_u8().await? as usize;
    let mut bytes = vec![0; len];
    s.read_exact(&mut bytes).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

async fn serve_socks(mut client: TcpStream, log: Log, expected: String) -> std::io::Result<()> {
    let version = client.read_u8().await?;
    let n = client.read_u8().await? as usize;
    let mut methods = vec![0; n];
    client.read_exact(&mut methods).await?;
    if version != 5 || !methods.contains(&2) {
        client.write_all(&[5, 0xff]).await?;
        return Ok(());
    }
    client.write_all(&[5, 2]).await?;
    let _subnegotiation_version = client.read_u8().await?;
    let user = read_string(&mut client).await?;
    let password = read_string(&mut client).await?;
    let credential = format!("{user}:{password}");
    let is_allowed = credential == expected;
    client.write_all(&[1, u8::from(!is_allowed)]).await?;
    if !is_allowed {
        log.lock().expect("log").push(Seen {
            request: String::new(),
            credential: Some(credential),
            is_allowed,
        });
        return Ok(());
    }
    let mut head = [0u8; 4];
    client.read_exact(&mut head).await?;
    let host = match head[3] {
        1 => {
            let mut ip = [0u8; 4];
            client.read_exact(&mut ip).await?;
            std::net::Ipv4Addr::from(ip).to_string()
        }
        3 => read_string(&mut client).await?,
        4 => {
            let mut ip = [0u8; 16];
            client.read_exact(&mut ip).await?;
            format!("[{}]", std::net::Ipv6Addr::from(ip))
        }
        _ => return Ok(()),
    };
    let port = client.read_u16().await?;
    let target = format!("{host}:{port}");
    log.lock().expect("log").push(Seen {
        request: format!("CONNECT {target}"),
        credential: Some(credential),
        is_allowed,
    });
    let mut upstream = TcpStream::connect(&target).await?;
    client.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0]).await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}
