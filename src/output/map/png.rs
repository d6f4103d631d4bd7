//! Rasterizing the map: resvg renders the SVG that [`super::svg`] made,
//! with DejaVu Sans embedded (Bitstream Vera licence, see `LICENSE-DejaVu`
//! beside this file), so a PNG looks the same on a machine with no fonts.

use std::fmt;

use resvg::{tiny_skia, usvg};

/// DejaVu Sans, the font labels are drawn in (760 KB).
pub const FONT: &[u8] = include_bytes!("DejaVuSans.ttf");

/// An SVG that could not be rendered.
#[derive(Debug)]
pub struct RenderError(String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot render the map: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

/// Renders an SVG document to PNG bytes, at its own size.
///
/// # Errors
///
/// When the SVG does not parse, or is too large to allocate.
pub fn render(svg: &str) -> Result<Vec<u8>, RenderError> {
    let mut opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    opt.fontdb_mut().load_font_data(FONT.to_vec());
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| RenderError(format!("{}x{} is too large", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| RenderError(e.to_string()))
}
