/// Every operation of this build, sorted by id.
pub(crate) static OPERATIONS: &[Operation] = &[
    Operation {
        id: "create_note",
        method: "POST",
        path: "/company/{location_id}/notes",
        tag: "Notes",
        area: "notes",
        summary: "Add a note.",
        needs_user_token: false,
        partner_only: false,
        mass_mailing_filters: &[],
        success_status: 201u16,
        deprecated: false,
        handwritten: false,
        example: None,
        partner_token_accepted: false,
        may_be_empty: false,
        server: None,
    },
    Operation {
        id: "delete_notes",
        method: "DELETE",
        path: "/company/{location_id}/notes",
        tag: "Notes",
        area: "notes",
        summary: "Delete every note.",
        needs_user_token: false,
        partner_only: false,
        mass_mailing_filters: &[],
        success_status: 204u16,
        deprecated: false,
        handwritten: false,
        example: None,
        partner_token_accepted: false,
        may_be_empty: false,
        server: None,
    },
    Operation {
        id: "get_note",
        method: "GET",
        path: "/company/{location_id}/notes/{note_id}",
        tag: "Notes",
        area: "notes",
        summary: "Read a note.",
        needs_user_token: false,
        partner_only: false,
        mass_mailing_filters: &[],
        success_status: 200u16,
        deprecated: false,
        handwritten: false,
        example: None,
        partner_token_accepted: false,
        may_be_empty: false,
        server: None,
    },
];
/// `create_note`: Add a note.
pub static CREATE_NOTE: &Operation = &OPERATIONS[0usize];
/// `delete_notes`: Delete every note.
pub static DELETE_NOTES: &Operation = &OPERATIONS[1usize];
/// `get_note`: Read a note.
pub static GET_NOTE: &Operation = &OPERATIONS[2usize];
