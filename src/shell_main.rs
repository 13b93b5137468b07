//! The first-paint shell's binary: see `src/shell.rs`.

fn main() {
    registry_doctor::shell::start();
}
