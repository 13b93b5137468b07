mod embed_export;

fn main() {
    registry_doctor::start();
}
