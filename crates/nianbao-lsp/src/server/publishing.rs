//! Publishing a document's findings: now, and the held-back ones after the pause (only
//! for the version still current); a document analysed again when its last year's
//! report changes; its folder read for last year's report after its first publication.

use super::*;

impl Backend {
    pub(super) async fn publish(&self, uri: Uri, version: i32, publication: Publication) {
        let _order = self.publish_lock.lock().await;
        let current = self
            .with_state("publish", |s| {
                let doc = s.docs.get(&uri).filter(|d| d.version == version)?;
                Some(doc.name.clone())
            })
            .flatten();
        if let Some(name) = current {
            self.outbox
                .send(publish::notification(&name, Some(version), &publication));
        }
    }

    /// Publishes `uri`'s findings (see [`Backend::refresh_one`]), then those of the other
    /// documents compared with it whose comparison changed (`years`).
    pub(super) async fn refresh(&self, uri: Uri) {
        self.refresh_one(uri.clone()).await;
        self.refresh_linked(Some(&uri)).await;
    }

    /// Links the open documents other than `except` to last year's reports again, and
    /// publishes those whose links changed.
    pub(super) async fn refresh_linked(&self, except: Option<&Uri>) {
        let changed = self
            .with_state("link", |s| {
                if s.docs.len() < 2 && except.is_some() {
                    return Vec::new();
                }
                let uris: Vec<Uri> = s
                    .docs
                    .keys()
                    .filter(|u| Some(*u) != except)
                    .cloned()
                    .collect();
                uris.into_iter()
                    .filter(|u| handlers::link_years(s, u, false).changed)
                    .collect()
            })
            .unwrap_or_default();
        for uri in changed {
            self.refresh_one(uri).await;
        }
    }

    /// Reads `folder` for `uri`'s last year's reports, off the state lock, and links the
    /// document again; says whether its links changed.
    pub(super) async fn read_folder(&self, uri: &Uri, folder: years::Scope) -> bool {
        let Some((cache, encoding)) =
            self.with_state("library", |s| (s.library.under(&folder), s.encoding))
        else {
            return false;
        };
        let reading = folder.clone();
        match tokio::task::spawn_blocking(move || years::scan(&reading, cache, encoding)).await {
            Ok(scanned) => {
                tracing::debug!(folder = %folder.root.display(), files = scanned.len(), "folder read");
                self.with_state("library", |s| {
                    s.library.store(&folder, scanned);
                    handlers::link_years(s, uri, false).changed
                })
                .unwrap_or(false)
            }
            Err(err) => {
                tracing::warn!(%err, "reading the folder failed");
                false
            }
        }
    }

    /// Publishes what can be shown now and, when findings are held back, the full set
    /// after the configured pause — unless the document changed or closed meanwhile. The
    /// document is linked to the last year's reports known now; when its folder is due
    /// to be read (`years`), that happens after this publication — a large workspace
    /// never delays the findings of the text — and a change is published again.
    pub(super) async fn refresh_one(&self, uri: Uri) {
        let scan = self
            .with_state("link", |s| handlers::link_years(s, &uri, true).scan)
            .flatten();
        self.publish_now(&uri).await;
        if let Some(folder) = scan {
            if self.read_folder(&uri, folder).await {
                self.publish_now(&uri).await;
            }
        }
    }

    pub(super) async fn publish_now(&self, uri: &Uri) {
        let messages = self
            .with_state("messages", |s| std::mem::take(&mut s.messages))
            .unwrap_or_default();
        for m in messages {
            self.client.show_message(MessageType::ERROR, m).await;
        }
        let Some(Some((version, now, held_back))) =
            self.with_state("diagnostics", |s| handlers::diagnostics_now(s, uri))
        else {
            return;
        };
        if let Some(now) = now {
            self.publish(uri.clone(), version, now).await;
        }
        if held_back {
            let delay = self
                .with_state("settings", |s| s.settings.diagnostics_delay_ms)
                .unwrap_or(300);
            let this = self.clone();
            let uri = uri.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(delay)).await;
                if let Some(Some(full)) = this.with_state("diagnostics", |s| {
                    handlers::diagnostics_full(s, &uri, version)
                }) {
                    this.publish(uri, version, full).await;
                }
            });
        }
    }

    pub(super) async fn refresh_all(&self) {
        let uris: Vec<Uri> = self
            .with_state("documents", |s| s.docs.keys().cloned().collect())
            .unwrap_or_default();
        for uri in uris {
            self.refresh(uri).await;
        }
    }
}
