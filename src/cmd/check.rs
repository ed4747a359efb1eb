//! `chidao check`: validates the site as `build` would (load, graph, render of every page),
//! writes nothing.

use crate::messages::msg;
use std::process::ExitCode;

use super::SiteArgs;
use crate::pipeline::{self, Sources};
use crate::render::{Pages, TaskCache, Templates};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
}

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let lang = super::language(root);
    let (sources, loaded) = pipeline::load(root);
    let (mut graph, mut diags) = pipeline::resolve(&sources, loaded, args.site.today());
    let Sources {
        documents, theme, ..
    } = sources;
    rayon::spawn(move || drop(documents));
    if crate::diagnostic::count_errors(&diags) == 0 {
        // Every page rendered (a site's own theme may fail on some page), and thrown away;
        // not the exports, made by code that cannot fail.
        let texts = graph.take_texts();
        diags.extend(match Templates::compile(&theme) {
            Ok(templates) => pipeline::render(
                &graph,
                &templates,
                Pages::EveryPage,
                &TaskCache::new(&graph),
                texts,
                None,
                &drop,
            ),
            Err(errors) => errors,
        });
    }
    if super::report(&diags, lang) > 0 {
        return ExitCode::FAILURE;
    }
    super::say(
        lang,
        msg::check_ok(
            graph.documents().len(),
            graph.tasks().len(),
            graph.registry().bodies.len(),
            graph.registry().groups.len(),
        ),
    );
    ExitCode::SUCCESS
}
