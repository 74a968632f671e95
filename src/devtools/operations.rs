//! Facts about every operation of the Developer Tools spec, generated at build time.

crate::runtime::operation::operations_module!("devtools");
