//! Saying what was pasted before analyzing it: a log or error text, a manifest, a lone image
//! reference, or nothing.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Empty,
    Log,
    Manifest,
    Reference,
}

impl InputKind {
    pub const fn code(self) -> &'static str {
        match self {
            InputKind::Empty => "empty",
            InputKind::Log => "log",
            InputKind::Manifest => "manifest",
            InputKind::Reference => "reference",
        }
    }
}

pub fn detect(input: &[u8]) -> InputKind {
    let text = String::from_utf8_lossy(&input[..input.len().min(64 * 1024)]);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return InputKind::Empty;
    }
    // A JSON document, perhaps after one prompt/command line ("$ skopeo inspect --raw …").
    let body = match trimmed.find(['{', '[']) {
        Some(i) if !trimmed[..i].contains('\n') || trimmed[..i].lines().count() <= 1 => &trimmed[i..],
        _ => "",
    };
    // One JSON document, not JSON lines (a registry log with one object per line).
    let one_document = body.lines().filter(|l| l.starts_with('{')).count() <= 1;
    if body.starts_with(['{', '['])
        && one_document
        && ["\"schemaVersion\"", "\"mediaType\"", "\"manifests\"", "\"layers\"", "\"fsLayers\""]
            .iter()
            .any(|k| body.contains(k))
    {
        return InputKind::Manifest;
    }
    if !trimmed.contains(char::is_whitespace) && looks_like_reference(trimmed) {
        return InputKind::Reference;
    }
    InputKind::Log
}

/// Cheap shape test only; the name checker does the real validation.
fn looks_like_reference(s: &str) -> bool {
    s.len() <= 512
        && (s.contains('/') || s.contains(':'))
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-/:@[]".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_kinds_apart() {
        assert_eq!(detect(b"  \n"), InputKind::Empty);
        assert_eq!(detect(b"registry.example.com/g/p:1.0"), InputKind::Reference);
        assert_eq!(detect(b"$ skopeo inspect --raw docker://x\n{\"schemaVersion\":2}"), InputKind::Manifest);
        assert_eq!(detect(b"denied: requested access to the resource is denied"), InputKind::Log);
    }
}
