//! `chidao check`: validates the site as `build` would, renders it in memory, writes nothing.

use std::process::ExitCode;

use super::SiteArgs;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
}

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let (mut graph, theme, mut diags) =
        super::load_for_render(root, args.site.today(), &mut |_| {});
    if crate::diagnostic::count_errors(&diags) == 0 {
        // Every page rendered (a site's own theme may fail on some page), and thrown away.
        let texts = graph.take_texts();
        diags.extend(render::render_site_into(
            &graph,
            &theme,
            render::Pages::EveryPage,
            texts,
            &drop,
        ));
    }
    if super::report(&diags) > 0 {
        return ExitCode::FAILURE;
    }
    eprintln!(
        "ok: {} documents, {} tasks, {} bodies, {} groups",
        graph.documents.len(),
        graph.tasks.len(),
        graph.registry.bodies.len(),
        graph.registry.groups.len()
    );
    ExitCode::SUCCESS
}
