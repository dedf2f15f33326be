//! No module imports another that imports it back, in any crate: the architecture's
//! one-way dependencies, checked on the sources. Modules are read from the files of each
//! crate's `src/`; a reference `crate::a::b`, `super::x` or a sibling's `a::b` is an edge
//! to the module it names. An edge to a module inside a sibling counts as an edge to the
//! sibling; references between a module and its own ancestors or descendants (a parent
//! and its submodules, the crate root's re-exports aside) are not edges. The names the
//! crate root re-exports (`pub use a::Name`) are resolved to the module that defines them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` and `src/a/b/mod.rs` → `["a", "b"]`; `src/lib.rs`, `src/main.rs` → `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file before its `#[cfg(test)]` module (tests may reach anywhere), with
/// comments dropped.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") && !line.contains("mod ") {
            break;
        }
        let line = line.split("//").next().unwrap_or("");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The paths a file uses: every `crate::…`, `super::…` and `name::…` sequence of
/// identifiers, including the insides of `use a::{b, c::d}` groups.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if ident(bytes[i]) && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            let mut path = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < bytes.len() && ident(bytes[j]) {
                    j += 1;
                }
                path.push(code[start..j].to_string());
                if code[j..].starts_with("::")
                    && code[j + 2..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if code[j..].starts_with("::{") {
                // A group: each member is a path after the prefix.
                let close = code[j..].find('}').map_or(code.len(), |k| j + k);
                for member in code[j + 3..close].split(',') {
                    let member: Vec<String> = member
                        .trim()
                        .split("::")
                        .map(|s| s.trim().trim_start_matches('{').to_string())
                        .filter(|s| !s.is_empty())
                        .collect();
                    if !member.is_empty() {
                        out.push([path.clone(), member].concat());
                    }
                }
                i = close;
                continue;
            }
            if path.len() > 1 {
                out.push(path);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut checked = 0;
    for entry in std::fs::read_dir(&crates).expect("crates") {
        let src = entry.expect("a crate").path().join("src");
        if !src.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let modules: BTreeMap<Vec<String>, String> = files
            .iter()
            .map(|f| {
                (
                    module_path(&src, f),
                    code(&std::fs::read_to_string(f).expect("source")),
                )
            })
            .collect();
        let is_module = |p: &[String]| modules.contains_key(p);
        // Names the crate root re-exports: `pub use a::b::Name;` → ["a", "b"].
        let mut reexports: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for root in [vec![]] {
            if let Some(text) = modules.get(&root) {
                for line in text
                    .lines()
                    .filter(|l| l.trim_start().starts_with("pub use "))
                {
                    for path in paths(line) {
                        let module: Vec<String> = path[..path.len() - 1].to_vec();
                        if is_module(&module) {
                            reexports.insert(path[path.len() - 1].clone(), module);
                        }
                    }
                }
            }
        }
        let mut edges: BTreeSet<(Vec<String>, Vec<String>)> = BTreeSet::new();
        for (module, text) in &modules {
            for path in paths(text) {
                // Resolve the path to absolute segments.
                let absolute: Vec<String> = match path[0].as_str() {
                    "crate" => path[1..].to_vec(),
                    "super" => {
                        let mut base = module.clone();
                        let mut rest = &path[..];
                        while rest.first().is_some_and(|s| s == "super") {
                            base.pop();
                            rest = &rest[1..];
                        }
                        [base, rest.to_vec()].concat()
                    }
                    "self" => [module.clone(), path[1..].to_vec()].concat(),
                    first => {
                        let child = [module.clone(), vec![first.to_string()]].concat();
                        if is_module(&child) {
                            [module.clone(), path.clone()].concat()
                        } else {
                            continue;
                        }
                    }
                };
                // The longest prefix that is a module, or a root re-export.
                let mut target: Vec<String> = (0..=absolute.len())
                    .rev()
                    .map(|n| absolute[..n].to_vec())
                    .find(|p| is_module(p))
                    .unwrap_or_default();
                if target.is_empty() {
                    if let Some(m) = absolute.first().and_then(|n| reexports.get(n)) {
                        target = m.clone();
                    }
                }
                // Ancestors and descendants are not edges.
                let related = target.starts_with(module) || module.starts_with(&target);
                if related {
                    continue;
                }
                // Lift both ends to the children of their deepest common ancestor.
                let common = module
                    .iter()
                    .zip(&target)
                    .take_while(|(a, b)| a == b)
                    .count();
                edges.insert((module[..=common].to_vec(), target[..=common].to_vec()));
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!(
                "{}: modules import each other: {}",
                src.display(),
                names.join(" → ")
            );
        }
        checked += modules.len();
    }
    assert!(checked > 40, "read the modules ({checked})");
}

/// A cycle of edges, if there is one: the modules along it, the first repeated at the end.
fn find_cycle(edges: &BTreeSet<(Vec<String>, Vec<String>)>) -> Option<Vec<Vec<String>>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeSet<(Vec<String>, Vec<String>)>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(cycle) = visit(to, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn cycles_of_any_length_are_found() {
    let m = |s: &str| vec![s.to_string()];
    let edges: BTreeSet<_> = [(m("a"), m("b")), (m("b"), m("c")), (m("c"), m("a"))].into();
    assert_eq!(find_cycle(&edges).map(|c| c.len()), Some(4));
    let acyclic: BTreeSet<_> = [(m("a"), m("b")), (m("b"), m("c")), (m("a"), m("c"))].into();
    assert_eq!(find_cycle(&acyclic), None);
}

#[test]
fn the_path_reader_sees_groups_and_nested_paths() {
    let found = paths("use crate::{a::B, c};\nlet x = super::d::E::new();\nfoo::bar();");
    assert_eq!(
        found,
        [
            vec!["crate", "a", "B"],
            vec!["crate", "c"],
            vec!["super", "d", "E", "new"],
            vec!["foo", "bar"],
        ]
    );
}

#[test]
fn only_the_binary_links_the_pdf_and_word_reader() {
    // The server and the checks see text; nianbao-formats is the CLI's (and the tests' and
    // benchmarks', which are not shipped).
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut checked = 0;
    for entry in std::fs::read_dir(&crates).expect("crates/") {
        let dir = entry.expect("an entry").path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if ["nianbao", "nianbao-formats", "nianbao-bench"].contains(&name.as_str()) {
            continue;
        }
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
        assert!(
            !manifest.contains("nianbao-formats"),
            "{name} depends on nianbao-formats"
        );
        checked += 1;
    }
    assert!(checked >= 5, "the library crates were found ({checked})");
}
