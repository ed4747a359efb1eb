//! Arbitrary text as `bodies.yaml`. No panic; every body and group loaded is found again by
//! its id, its slug is a plain file name unique in the registry, and walking the hierarchy
//! from any body ends.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use chidao::model::Party;
use chidao::load::registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (reg, _diags) = registry::load(Path::new("content/bodies.yaml"), text);
    let mut slugs = HashSet::new();
    for p in reg.parties() {
        assert_eq!(reg.resolve(reg.id(p)), Some(p), "{}", reg.id(p));
        let slug = reg.slug(p);
        assert!(
            !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{slug:?}"
        );
        assert!(slugs.insert(slug.to_string()), "slug {slug} twice");
        let _ = reg.suggest(reg.name(p));
        if let Party::Body(b) = p {
            assert_eq!(reg.with_ancestors(b)[0], b);
            assert_eq!(reg.descendants(b)[0], b);
        }
    }
});
