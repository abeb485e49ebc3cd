fn main() {
    openapi_clientgen::Generator::new("spec/canada-holidays.json").build_script("api.rs");
}
