//! A PDF writer: objects in, a file with a correct cross-reference table out.
/// The objects of a PDF being written; object numbers start at 1.
#[derive(Default)]
pub struct Builder {
    objects: Vec<Option<Vec<u8>>>,
}

/// `N 0 R`.
pub fn r(id: usize) -> String {
    format!("{id} 0 R")
}

impl Builder {
    /// No objects yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A number for an object written later with [`Builder::set`] (for references
    /// that go both ways, like a page and its parent).
    pub fn reserve(&mut self) -> usize {
        self.objects.push(None);
        self.objects.len()
    }

    /// Writes object `id` (from [`Builder::reserve`]).
    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        self.objects[id - 1] = Some(body.into());
    }

    /// Adds an object (its body: a dictionary, an array…) and returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(Some(body.into()));
        self.objects.len()
    }

    /// A stream's body: `<< dict /Length n >> stream … endstream`.
    pub fn stream_body(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        body
    }

    /// Adds a stream; `dict` holds its entries but `/Length`.
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        self.add(Self::stream_body(dict, data))
    }

    /// Adds a FlateDecode stream of ordinary bytes.
    pub fn flate_stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let z = super::deflate::zlib_bytes(data);
        self.stream(&format!("/Filter /FlateDecode {dict}"), &z)
    }

    /// The file: header, objects, cross-reference table, trailer with `root` as
    /// the catalog.
    pub fn finish(self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.into_iter().enumerate() {
            let body = body.unwrap_or_else(|| panic!("object {} reserved, never set", i + 1));
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
            out.extend(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).into_bytes());
        for off in &offsets {
            out.extend(format!("{off:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root {} >>\nstartxref\n{xref}\n%%EOF\n",
                offsets.len() + 1,
                r(root)
            )
            .into_bytes(),
        );
        out
    }

    /// Adds a catalog and one page (`/MediaBox` `media_box`, `/Resources`
    /// `resources`, `/Contents` `contents`: a reference or an array of them) and
    /// writes the file.
    pub fn one_page(mut self, media_box: &str, resources: &str, contents: &str) -> Vec<u8> {
        let pages = self.reserve();
        let page = self.add(format!(
            "<< /Type /Page /Parent {} /MediaBox {media_box} /Resources {resources} /Contents {contents} >>",
            r(pages)
        ));
        self.set(
            pages,
            format!("<< /Type /Pages /Kids [{}] /Count 1 >>", r(page)),
        );
        let catalog = self.add(format!("<< /Type /Catalog /Pages {} >>", r(pages)));
        self.finish(catalog)
    }
}
