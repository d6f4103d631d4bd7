//! People and agencies importer (issue 5).
