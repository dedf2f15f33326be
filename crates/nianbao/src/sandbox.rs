//! PDF and Word files are read in a child process with hard limits, the way browsers and
//! mail scanners treat untrusted documents: an auditor's folder holds files from hundreds
//! of portals, and a crafted one must not take the whole run down.
//!
//! The parent re-invokes its own binary on the hidden command `nianbao __read KIND`,
//! writes the file's bytes to the child's stdin and reads the text and its source map
//! from its stdout ([`nianbao_formats::Converted::to_bytes`]). The child limits its own
//! address space and CPU time (`setrlimit`) before it reads anything; the parent kills
//! it after a wall-clock timeout and reads at most [`Limits::max_text`] bytes of what it
//! returns. An abort, a stack overflow, a runaway allocation or a hang in the child is
//! one line for that file — 「无法读取：超出内存限制（1 GiB）」, 「无法读取：处理超时
//! （20 秒）」 — and the run goes on with the other files. Text files never come here.

use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use nianbao_formats::{Converted, Kind};
use wait_timeout::ChildExt;

/// What a child may use.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Address space, in bytes.
    pub memory: u64,
    /// Wall-clock time; the CPU-time limit is a little more.
    pub timeout: Duration,
    /// The most bytes of text (with its source map) taken from the child.
    pub max_text: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            memory: 1 << 30,
            timeout: Duration::from_secs(20),
            max_text: 256 << 20,
        }
    }
}

/// How much of the child's stderr is kept, to tell why it failed.
const MAX_STDERR: u64 = 64 << 10;

fn kind_name(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pdf => Some("pdf"),
        Kind::Docx => Some("docx"),
        _ => None,
    }
}

/// A size in MiB or GiB, as the messages say it.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else {
        format!("{} MiB", bytes >> 20)
    }
}

/// Converts `bytes` of `kind` (a PDF or a Word file) in a child process.
pub fn convert(kind: Kind, bytes: Vec<u8>, limits: &Limits) -> Result<Converted, String> {
    let Some(name) = kind_name(kind) else {
        return nianbao_formats::convert(kind, bytes).map_err(|e| e.to_string());
    };
    let exe =
        std::env::current_exe().map_err(|e| format!("无法读取（找不到 nianbao 自身：{e}）"))?;
    let cpu = limits.timeout.as_secs().saturating_add(2);
    let mut child = Command::new(exe)
        .args(["__read", name])
        .arg(limits.memory.to_string())
        .arg(cpu.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("无法读取（无法启动读取进程：{e}）"))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err("无法读取（无法连接读取进程）".to_string());
    };
    // The child may stop reading (a limit hit): a failed write is not this file's error.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let cap = limits.max_text;
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.take(cap.saturating_add(1)).read_to_end(&mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let mut stderr = stderr;
        let _ = (&mut stderr).take(MAX_STDERR).read_to_end(&mut buf);
        // The rest is read and dropped, so that the child never blocks on a full pipe.
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        String::from_utf8_lossy(&buf).into_owned()
    });
    let status = match child.wait_timeout(limits.timeout) {
        Ok(Some(status)) => Some(status),
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    };
    let _ = feeder.join();
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    for line in err.lines() {
        tracing::debug!(line, "reader process");
    }
    let Some(status) = status else {
        return Err(format!(
            "无法读取：处理超时（{} 秒）",
            limits.timeout.as_secs()
        ));
    };
    if out.len() as u64 > cap {
        return Err(format!("无法读取：读出的文字超过上限（{}）", size(cap)));
    }
    if status.success() {
        return match out.split_first() {
            Some((b'T', rest)) => Converted::from_bytes(rest)
                .ok_or_else(|| "无法读取（读取进程的输出不完整）".to_string()),
            Some((b'E', rest)) => Err(String::from_utf8_lossy(rest).into_owned()),
            _ => Err("无法读取（读取进程没有输出）".to_string()),
        };
    }
    Err(why_failed(&status, &err, limits))
}

/// Why a child ended without a result, from its signal and what it printed.
fn why_failed(status: &std::process::ExitStatus, stderr: &str, limits: &Limits) -> String {
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(status);
    #[cfg(not(unix))]
    let signal: Option<i32> = None;
    const SIGKILL: i32 = 9;
    const SIGXCPU: i32 = 24;
    if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
        format!("无法读取：超出内存限制（{}）", size(limits.memory))
    } else if stderr.contains("overflowed its stack") {
        "无法读取：文件结构嵌套过深（读取时栈溢出）".to_string()
    } else if signal == Some(SIGXCPU) {
        format!(
            "无法读取：处理超时（CPU 时间超过 {} 秒）",
            limits.timeout.as_secs()
        )
    } else if signal == Some(SIGKILL) {
        format!(
            "无法读取：读取进程被终止（可能超出内存限制 {}）",
            size(limits.memory)
        )
    } else {
        match (status.code(), signal) {
            (_, Some(signal)) => format!("无法读取：读取时出错（信号 {signal}）"),
            (Some(code), None) => format!("无法读取：读取时出错（退出码 {code}）"),
            (None, None) => "无法读取：读取时出错".to_string(),
        }
    }
}

/// `nianbao __read KIND MEMORY CPU`: the child. Limits itself, reads the file's bytes
/// from stdin, writes `T` and the converted text, or `E` and the message, to stdout.
pub fn child(args: &[String]) -> ExitCode {
    let (Some(kind), Some(memory), Some(cpu)) = (
        args.first().map(String::as_str),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
        args.get(2).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("nianbao __read: 用法：nianbao __read pdf|docx 内存字节数 CPU秒数");
        return ExitCode::from(2);
    };
    let kind = match kind {
        "pdf" => Kind::Pdf,
        "docx" => Kind::Docx,
        _ => return ExitCode::from(2),
    };
    #[cfg(unix)]
    {
        let limited = rlimit::setrlimit(rlimit::Resource::AS, memory, memory)
            .and_then(|()| rlimit::setrlimit(rlimit::Resource::CPU, cpu, cpu.saturating_add(1)));
        if let Err(err) = limited {
            eprintln!("nianbao __read: 无法设置资源限制：{err}");
            return ExitCode::from(2);
        }
    }
    #[cfg(not(unix))]
    let _ = (memory, cpu);
    let mut bytes = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(2);
    }
    let reply = match nianbao_formats::convert(kind, bytes) {
        Ok(converted) => {
            let mut out = vec![b'T'];
            out.extend_from_slice(&converted.to_bytes());
            out
        }
        Err(err) => {
            let mut out = vec![b'E'];
            out.extend_from_slice(err.to_string().as_bytes());
            out
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&reply).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}
