//! Reusable components, one per file.

pub mod copy_button;
pub mod custom_entry;
pub mod diagnosis_card;
pub mod evidence;
pub mod findings_list;
pub mod home_intro;
pub mod layout;
pub mod manifest_fixes;
pub mod manifest_input;
pub mod manifest_summary;
pub mod manifest_text;
pub mod name_echo;
pub mod name_report;
pub mod param_form;
pub mod paste_box;
pub mod plan_view;
pub mod platforms_table;
pub mod rich_text;
pub mod setup_results;
pub mod severity_badge;
pub mod share_paste;
pub mod share_results;
