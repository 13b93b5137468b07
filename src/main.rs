fn main() {
    registry_doctor::start();
}
