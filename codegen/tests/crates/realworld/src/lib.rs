//! Clients generated from real documents of the APIs.guru directory (see
//! `tests/fixtures/realworld/README.md`): each must compile without warnings, document
//! without warnings and pass its doc tests, like any client a user generates.

macro_rules! client {
    ($($module:ident),* $(,)?) => {
        $(
            pub mod $module {
                include!(concat!(env!("OUT_DIR"), "/", stringify!($module), ".rs"));
            }
        )*
    };
}

client!(
    conjur,
    dnd5e,
    google_tasks,
    mineskin,
    nexmo_numbers,
    twilio_lookups,
    xero_identity,
    deutschebahn_fasta,
    sms77,
    nexmo_verify,
);
