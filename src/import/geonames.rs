//! GeoNames importer (issue 4).
