//! Reusable components, one per file.

pub mod copy_button;
pub mod diagnosis_card;
pub mod evidence;
pub mod layout;
pub mod param_form;
pub mod paste_box;
pub mod plan_view;
pub mod rich_text;
