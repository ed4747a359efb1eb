//! `--help` in the run's language. The arguments are declared with clap's derive (`Cli` and
//! the `Args` of each command; their doc comments document the code), and at run time, before
//! parsing, every text `--help` shows is replaced by the catalogue's (`msg::help_*`,
//! `msg::value_*`): what each command and argument is for, the names of the values, and
//! clap's own words where clap lets them be set (the headings, `[OPTIONS]`, `-h`, `-V`, the
//! `help` command). The language is known before parsing only from the command line and the
//! environment: `--lang X` (or `--lang=X`), else `CHIDAO_LANG`, else Vietnamese; a site's
//! `language` cannot choose it (which site is not known yet).
//!
//! clap's error messages ("unexpected argument …", "a value is required …") stay in English:
//! clap writes them itself and offers no way to translate them.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::messages::{catalogue, msg, Msg};
use crate::model::Language;

/// The language of `--help` for these arguments (the program's name first): the first
/// `--lang` before a `--`, else `CHIDAO_LANG`, else Vietnamese. An unknown value counts as
/// none (clap refuses it when parsing).
pub fn language_of(args: &[OsString]) -> Language {
    flag_in(args)
        .or_else(super::env_language)
        .unwrap_or_default()
}

/// The value of the first `--lang` in `args`, when it is a language.
fn flag_in(args: &[OsString]) -> Option<Language> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            return None;
        }
        if a == "--lang" {
            return super::parse_lang(&it.next()?).ok();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return super::parse_lang(v).ok();
        }
    }
    None
}

/// Parses the command line with its help in the language it asks for; prints the help, the
/// version or clap's error and exits when that is what it asks for or gets.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = language_of(&args);
    super::set_parse_language(lang);
    let cmd = command(lang);
    let matches = cmd.clone().get_matches_from(&args);
    if let Some(("help", m)) = matches.subcommand() {
        // `chidao help [COMMAND]`: the help of `chidao [COMMAND] --help`.
        let mut again = vec![args[0].clone()];
        again.extend(m.get_one::<String>("command").map(OsString::from));
        again.push("--help".into());
        cmd.get_matches_from(again);
        unreachable!("clap exits after printing the help");
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command(lang)).exit())
}

/// Where `--help` lists the arguments every command has (`--lang`, `-V`, `-h`): after the
/// command's own.
const LAST: usize = 1000;

/// The command line of chidao, every text of its help in `lang`.
pub fn command(lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    let cmd = Cli::command()
        .about(t(msg::help_about()))
        .long_about(None)
        .mut_arg("lang", |a| a.help(t(msg::help_lang())).display_order(LAST))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(msg::help_version()))
                .display_order(LAST + 1),
        )
        .disable_help_subcommand(true)
        .subcommand(
            Command::new("help").about(t(msg::help_help_command())).arg(
                Arg::new("command")
                    .value_name(t(msg::value_command()))
                    .help(t(msg::help_help_command_arg())),
            ),
        )
        .mut_subcommand("build", |c| {
            output(site(c, lang), lang)
                .about(t(msg::help_build()))
                .mut_arg("timings", |a| a.help(t(msg::help_timings())))
        })
        .mut_subcommand("check", |c| site(c, lang).about(t(msg::help_check())))
        .mut_subcommand("serve", |c| serve(c, lang))
        .mut_subcommand("new", |c| new(c, lang))
        .mut_subcommand("import", |c| import(c, lang))
        .mut_subcommand("report", |c| report(c, lang));
    let cmd = clap_words(cmd, lang).mut_subcommands(|c| clap_words(c, lang));
    with_usage(cmd, lang)
}

/// `--root` and `--today`, which every command that reads a site has.
fn site(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    c.mut_arg("root", |a| {
        a.help(t(msg::help_root()))
            .value_name(t(msg::value_site()))
            .hide_default_value(true)
    })
    .mut_arg("today", |a| a.help(t(msg::help_today())))
}

/// `--output`, of the commands that write the site.
fn output(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    c.mut_arg("output", |a| {
        a.help(t(msg::help_output()))
            .value_name(t(msg::value_dir()))
    })
}

fn serve(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    output(site(c, lang), lang)
        .about(t(msg::help_serve()))
        .mut_arg("port", |a| {
            a.help(t(msg::help_port()))
                .value_name(t(msg::value_port()))
                .hide_default_value(true)
        })
        .mut_arg("poll", |a| a.help(t(msg::help_poll())))
        .mut_arg("timings", |a| a.help(t(msg::help_serve_timings())))
}

fn new(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    let named = |c: Command, arg: &'static str, help: Msg, value: Msg| {
        c.mut_arg(arg, |a| a.help(t(help)).value_name(t(value)))
    };
    let c = site(c, lang).about(t(msg::help_new()));
    let c = named(c, "kind", msg::help_new_kind(), msg::value_kind());
    let c = named(c, "issuer", msg::help_new_issuer(), msg::value_body());
    let c = c
        .mut_arg("implements", |a| a.help(t(msg::help_new_implements())))
        .mut_arg("copy_of", |a| a.help(t(msg::help_new_copy_of())))
        .mut_arg("id", |a| a.help(t(msg::help_new_id())));
    let c = named(c, "number", msg::help_new_number(), msg::value_number());
    let c = named(c, "title", msg::help_new_title(), msg::value_text());
    let c = named(c, "date", msg::help_new_date(), msg::value_date());
    c.mut_arg("dry_run", |a| a.help(t(msg::help_new_dry_run())))
}

fn import(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    // `mut_arg` moves an argument last, and headings come in the order of their
    // arguments: the files' first.
    let c = c.mut_arg("files", |a| {
        a.help(t(msg::help_import_files()))
            .value_name(t(msg::value_file()))
    });
    site(c, lang)
        .about(t(msg::help_import()))
        .mut_arg("dry_run", |a| a.help(t(msg::help_import_dry_run())))
        .mut_arg("stubs", |a| a.help(t(msg::help_stubs())))
}

fn report(c: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    site(c, lang)
        .about(t(msg::help_report()))
        .mut_arg("period", |a| {
            a.help(t(msg::help_period()))
                .value_name(t(msg::value_period()))
        })
        .mut_arg("party", |a| a.help(t(msg::help_party())))
        .mut_arg("out", |a| {
            a.help(t(msg::help_report_out()))
                .value_name(t(msg::value_docx()))
        })
}

/// The text of a message without arguments, as clap keeps it (`&'static str`: clap's
/// `Str` takes no `String` without its `string` feature).
fn word(lang: Language, m: Msg) -> &'static str {
    m.key().text(catalogue(lang))
}

/// clap's own words in one command: the headings, the value name of a command, `-h`.
fn clap_words(cmd: Command, lang: Language) -> Command {
    let t = |m: Msg| word(lang, m);
    let (options, arguments) = (t(msg::help_options()), t(msg::help_arguments()));
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t(msg::help_usage())
    );
    cmd.long_about(None)
        .help_template(template)
        .subcommand_help_heading(t(msg::help_commands()))
        .subcommand_value_name(t(msg::value_command()))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t(msg::help_help()))
                .display_order(LAST + 2),
        )
        .mut_args(|a| {
            // A heading of its own puts each argument under the catalogue's heading, not
            // clap's "Arguments" and "Options".
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            a.long_help(None).help_heading(heading)
        })
}

/// Each command's usage line as clap writes it, `[OPTIONS]` in `lang`.
fn with_usage(cmd: Command, lang: Language) -> Command {
    let tag = msg::help_options_tag().render(lang);
    let usage = |c: &mut Command| {
        let line = c.render_usage().to_string();
        let line = line.split_once(": ").map_or(line.as_str(), |(_, u)| u);
        line.trim().replace("[OPTIONS]", &tag)
    };
    let mut built = cmd.clone();
    built.build();
    let own = usage(&mut built);
    let subs: Vec<(String, String)> = built
        .get_subcommands_mut()
        .map(|c| (c.get_name().to_string(), usage(c)))
        .collect();
    subs.into_iter()
        .fold(cmd.override_usage(own), |cmd, (name, line)| {
            cmd.mut_subcommand(name, |c| c.override_usage(line))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_is_found_before_parsing() {
        assert_eq!(
            flag_in(&args(&["chidao", "--lang", "en", "build"])),
            Some(Language::En)
        );
        assert_eq!(
            flag_in(&args(&["chidao", "build", "--lang=EN", "--help"])),
            Some(Language::En)
        );
        assert_eq!(flag_in(&args(&["chidao", "build", "--help"])), None);
        assert_eq!(flag_in(&args(&["chidao", "--lang", "xx"])), None);
        assert_eq!(flag_in(&args(&["chidao", "--", "--lang", "en"])), None);
        assert_eq!(flag_in(&args(&["chidao", "--lang"])), None);
    }

    /// Every command and every argument (those clap adds too) has a help in each language,
    /// and it is not the same in both: a new argument whose help comes only from its doc
    /// comment fails here.
    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let mut vi = command(Language::Vi);
        let mut en = command(Language::En);
        vi.build();
        en.build();
        clap::Command::debug_assert(command(Language::Vi));
        let mut wrong = Vec::new();
        let pairs = std::iter::once((&vi, &en)).chain(
            vi.get_subcommands()
                .map(|v| (v, en.find_subcommand(v.get_name()).expect("same commands"))),
        );
        let mut seen = 0;
        for (v, e) in pairs {
            seen += 1;
            let name = v.get_name();
            let (va, ea) = (v.get_about(), e.get_about());
            match (va, ea) {
                (Some(va), Some(ea)) if !va.to_string().trim().is_empty() => {
                    if va.to_string() == ea.to_string() {
                        wrong.push(format!("{name}: the same about in both"));
                    }
                }
                _ => wrong.push(format!("{name}: no about")),
            }
            let mut args = 0;
            for a in v.get_arguments() {
                args += 1;
                let id = a.get_id().as_str();
                let other = e.get_arguments().find(|b| b.get_id() == a.get_id());
                let (Some(vh), Some(eh)) = (a.get_help(), other.and_then(Arg::get_help)) else {
                    wrong.push(format!("{name} {id}: no help"));
                    continue;
                };
                let (vh, eh) = (vh.to_string(), eh.to_string());
                if vh.trim().is_empty() || eh.trim().is_empty() {
                    wrong.push(format!("{name} {id}: an empty help"));
                } else if vh == eh {
                    wrong.push(format!("{name} {id}: the same help in both: {vh}"));
                }
            }
            assert!(args > 0, "{name} has no argument");
        }
        assert_eq!(seen, 8, "chidao, its six commands and help");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_usage_lines_are_in_the_language() {
        let help = |lang, sub: &str| {
            let mut c = command(lang);
            c.build();
            let c = c.find_subcommand_mut(sub).unwrap();
            c.render_help().to_string()
        };
        let vi = help(Language::Vi, "new");
        assert!(
            vi.contains("Cách dùng: chidao new [TÙY-CHỌN] --kind <LOẠI> --issuer <CƠ-QUAN>"),
            "{vi}"
        );
        assert!(vi.contains("\nTùy chọn:\n"), "{vi}");
        assert!(!vi.contains("Options") && !vi.contains("Print"), "{vi}");
        let en = help(Language::En, "new");
        assert!(
            en.contains("Usage: chidao new [OPTIONS] --kind <KIND> --issuer <BODY>"),
            "{en}"
        );
    }
}
