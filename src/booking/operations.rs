//! Facts about every operation of the Online Booking spec, generated at build time.

crate::runtime::operation::operations_module!("booking");
