//! Facts about every operation of the B2B spec, generated at build time.

crate::runtime::operation::operations_module!("b2b");
