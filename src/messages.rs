//! Every message chidao says to an editor (diagnostics, the commands' terminal lines, the
//! error overlay, `--help`), as data: one catalogue per language (`messages/vi.rs`,
//! `messages/en.rs`), each a [`Messages`] with one field per message, so a message missing
//! from a catalogue is a compile error. A message is made where the problem is found as a
//! [`Msg`], a key with its arguments (`msg::unknown_party(name)`), and written in a language
//! only when it is shown (`Msg::render`), so the same diagnostics can be printed in either.
//!
//! A text names its arguments in braces (`{name}`); the tests below check that both
//! catalogues use exactly the arguments the key declares, and that every key is used by code.

use chrono::NaiveDate;

use crate::lang::{long_date, number, Language};

mod en;
mod vi;

pub use en::EN;
pub use vi::VI;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Written as given: a key, an id, a name, a file name, a text from content, or a
    /// library's own words (an operating system's or a parser's error).
    Text(String),
    /// A whole number, as the language writes it ("1.234" / "1,234").
    Number(usize),
    /// A day, in the long form ("ngày 03 tháng 8 năm 2022" / "3 August 2022").
    Date(NaiveDate),
    /// A message inside another (a list of forms, a reason).
    Msg(Box<Msg>),
    /// Messages one after the other, separated by commas.
    List(Vec<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n)
    }
}
impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Arg::Date(d)
    }
}
impl From<Vec<Msg>> for Arg {
    fn from(list: Vec<Msg>) -> Self {
        Arg::List(list)
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}

/// A message: its key and its arguments, in the order the key declares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: Key,
    args: Box<[Arg]>,
}

impl Msg {
    fn new(key: Key, args: Vec<Arg>) -> Msg {
        Msg {
            key,
            args: args.into_boxed_slice(),
        }
    }

    pub fn key(&self) -> Key {
        self.key
    }

    /// The message in English, for tests that look for words in it.
    pub fn en(&self) -> String {
        self.render(Language::En)
    }

    /// The message in `lang`: its text with every `{name}` replaced by its argument.
    pub fn render(&self, lang: Language) -> String {
        let mut out = String::new();
        self.render_into(lang, &mut out);
        out
    }

    fn render_into(&self, lang: Language, out: &mut String) {
        let text = self.key.text(catalogue(lang));
        let params = self.key.params();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let arg = after.find('}').and_then(|close| {
                let name = &after[..close];
                params.iter().position(|p| *p == name).map(|i| (i, close))
            });
            match arg {
                Some((i, close)) => {
                    match &self.args[i] {
                        Arg::Text(s) => out.push_str(s),
                        Arg::Number(n) => out.push_str(&number(lang, *n)),
                        Arg::Date(d) => out.push_str(&long_date(lang, *d)),
                        Arg::Msg(m) => m.render_into(lang, out),
                        Arg::List(list) => {
                            for (i, m) in list.iter().enumerate() {
                                if i > 0 {
                                    out.push_str(", ");
                                }
                                m.render_into(lang, out);
                            }
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
}

/// The catalogue of `lang`.
pub fn catalogue(lang: Language) -> &'static Messages {
    match lang {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

/// The text of a message without arguments, e.g. a `--help` line.
pub fn text(lang: Language, pick: fn(&Messages) -> &'static str) -> &'static str {
    pick(catalogue(lang))
}

/// Declares the messages: `name(arg, …);` each. Makes [`Messages`] (a catalogue's type, one
/// field per message), [`Key`] and, in [`msg`], one function per message taking its
/// arguments.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident ( $($p:ident),* ); )*) => {
        /// A catalogue: the text of every message in one language.
        pub struct Messages {
            $( $(#[$doc])* pub $name: &'static str, )*
        }

        /// Which message.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $( $name, )*
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$name,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $( Key::$name => stringify!($name), )*
                }
            }

            /// The names of its arguments, as its texts write them in braces.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $( Key::$name => &[$(stringify!($p)),*], )*
                }
            }

            pub fn text(self, m: &Messages) -> &'static str {
                match self {
                    $( Key::$name => m.$name, )*
                }
            }
        }

        /// One function per message, taking its arguments.
        pub mod msg {
            #[allow(unused_imports)]
            use super::{Arg, Key, Msg};
            $(
                pub fn $name($($p: impl Into<Arg>),*) -> Msg {
                    Msg::new(Key::$name, vec![$($p.into()),*])
                }
            )*
        }
    };
}

catalogue! {
    // How a diagnostic is written.
    /// Before an error.
    diag_error();
    /// Before a warning.
    diag_warning();
    /// Before a suggestion.
    diag_help();
    /// A file and a line.
    diag_file_line(file, line);
    /// The key a problem is about, after its place.
    diag_key(key);
    /// Before a note (something to know, not a mistake).
    diag_note();
    /// The summary after the diagnostics.
    diag_summary(errors, warnings);
    /// The same, when there are notes.
    diag_summary_notes(errors, warnings, notes);
    /// Two lines of a message, one under the other.
    two_lines(first, second);
    // A copy checked against its original (copies.rs).
    copy_differs(original, changes);
    copy_differs_spelling(original, changes, spelling);
    copy_change(line, was, now);
    copy_nothing();
    copy_more(count);
    copy_capped(words);
    copy_advice();
    /// A newline or a tab in a one-line value.
    control_help_line(prose);
    control_help_other();
    slug_too_long(len, max);
    slug_too_long_help();
    front_matter_not_mapping();
    entry_not_mapping();
    file_not_mapping(what);
    file_is_empty();
    file_is_list();
    file_is_scalar();
    key_not_word();
    did_you_mean(name);
    known_keys(list);
    unknown_key(name);
    control_char(code);
    not_single_value(key);
    not_single_value_help(key);
    entry_not_single();
    date_help();
    not_whole_number(key);
    not_year(key);
    not_amount(key);
    missing_key(key);
    add_key_to_document(key);
    add_key_to_entry(key);
    not_list(key);
    /// The forms `due` accepts.
    accepted_forms();
    not_a_date(text);
    not_a_real_date(text);
    year_out_of_range(text);
    not_a_deadline_form(text);
    no_such_month(text, month);
    bad_quarter(text);
    due_no_date(days);
    due_no_date_help();
    due_too_late(days, date);
    due_too_late_help();
    extension_no_date(days, by);
    extension_no_date_help();
    /// A long cycle's path: the first names, how many more, the last.
    cycle_path_long(first, more, last);
    document_cycle(path);
    document_cycle_help();
    task_cycle(path);
    remove_cycle_link();
    issuer_is_group(name);
    issuer_is_group_help();
    duplicate_target(id);
    line_already_uses(line);
    duplicate_document(id);
    duplicate_document_help(place);
    duplicate_task(id);
    duplicate_task_help(id, line);
    ceased_lead(task, body, until);
    successor_is(id, name);
    unknown_target(name);
    no_targets();
    targets_help(list);
    names_itself(id);
    unknown_document(id);
    unknown_document_help();
    did_you_mean_quoted(name);
    parent_full_name();
    no_such_document(id);
    no_such_document_near(id, near);
    document_has_no_tasks(id);
    tasks_of(id, list);
    unknown_parent_task(name);
    /// Text the same in every language: names, ids, a file name.
    verbatim(text);
    /// Near names of bodies and groups, each "`id` (name)".
    did_you_mean_one(a);
    did_you_mean_two(a, b);
    did_you_mean_three(a, b, c);
    unknown_party(name);
    unknown_party_help();
    bodies_help();
    bodies_not_list();
    duplicate_party(id);
    duplicate_party_help(line);
    name_taken(name, other);
    name_taken_help();
    group_not_body(name);
    parent_cycle(path);
    parent_cycle_help();
    parent_too_deep(levels, path);
    parent_too_deep_help(levels);
    file_missing();
    not_a_file(what);
    cannot_read_file(error);
    kind_symlink();
    kind_folder();
    kind_pipe();
    kind_socket();
    kind_device();
    kind_other();
    kind_file();
    symlink_help();
    not_plain_help();
    skipped_not_file(what);
    not_utf8(byte);
    not_utf8_help();
    file_empty();
    file_empty_help();
    no_front_matter();
    no_front_matter_help();
    front_matter_not_closed();
    front_matter_not_closed_help();
    front_matter_empty();
    front_matter_empty_help();
    site_help();
    unknown_language(name);
    unknown_language_help();
    bad_soon_days();
    yaml_indented_key(key);
    yaml_indented_key_help_front(key);
    yaml_indented_key_help_file(key);
    /// The YAML parser's own words follow (in English: they come from the parser).
    yaml_invalid(detail);
    yaml_invalid_help();
    bad_year_span();
    an_extension();
    a_note();
    at_not_found(text);
    at_not_found_help();
    at_lines_more(last, more);
    at_many(text, count, lines);
    at_many_help();
    no_content_folder();
    no_content_folder_help();
    no_bodies();
    no_bodies_help();
    /// A library's own words follow (Tera's, in English).
    theme_context_failed(detail);
    render_failed(path, detail);
    theme_is_path(name);
    theme_is_link(name);
    theme_missing(name);
    no_themes_help();
    themes_help(list);
    template_error(detail);
    bad_language(value);
    bad_language_env(value);
    bad_today(value);
    check_ok(documents, tasks, bodies, groups);
    build_done(documents, tasks, bodies, out, written, unchanged, removed);
    build_open(index);
    nothing_written(out);
    write_failed(out, error);
    output_overlaps(out, src);
    timing_memory(stage, ms, mib);
    rebuilt(ms, rendered, changed);
    rebuilt_all(ms, rendered, changed);
    still_served();
    serving(url);
    cannot_watch(root, error);
    not_a_folder(path);
    port_taken(port);
    cannot_listen(port, error);
    watching_failed(error);
    server_start_failed(error);
    server_stopped(error);
    stopping();
    overlay_title(errors);
    write_changed_failed(error);
    write_site_failed(error);
    /// The place of `chidao new`'s own mistakes, in place of a file.
    command_line();
    not_a_body(name);
    kind_empty();
    kind_empty_help();
    id_empty();
    id_empty_help();
    new_date_help();
    parent_unreadable(id);
    parent_unreadable_help();
    file_exists(path);
    file_exists_help();
    id_taken_help(file);
    id_taken_unreadable_help();
    new_internal_args();
    new_internal_read_back();
    not_below_content(folder);
    nothing_written_plain();
    site_has_errors(errors);
    would_write_dry(path);
    new_title_empty(path);
    new_no_tasks();
    new_tasks_copied(count);
    new_next();
    report_no_near();
    report_unknown_party(name, help);
    report_wrote(out, subject, tasks, date);
    not_a_period(text);
    out_names_no_file(path);
    cannot_write(path, error);
    out_is_link(path);
    out_not_file(path);
    // `chidao import`'s terminal lines (cmd/import.rs, import/messages.rs).
    import_no_content(root);
    import_cannot_read(file, error);
    import_unreadable(file, reason);
    import_empty();
    import_binary();
    import_not_utf8();
    import_not_zip();
    import_bad_zip();
    import_no_document_xml();
    import_bad_xml();
    import_no_text();
    import_no_document(file);
    import_held_copy(file, id, existing);
    import_id_taken(file, id, existing);
    import_exists(path);
    import_outside(path);
    import_cannot_write(path, error);
    import_dry_not_written(path);
    import_wrote(path, id, kind, tasks, guesses, check);
    import_would_write(path, id, kind, tasks, guesses, check);
    import_unknown_body(file, name);
    import_unknown_body_near(file, name, near);
    import_missing(file, id, cited);
    import_stub_wrote(path, id);
    import_stub_would_write(path, id);
    // `--help` (cmd/help.rs): what each command and argument is for, clap's headings, and
    // the names of the arguments' values.
    help_about();
    help_build();
    help_check();
    help_serve();
    help_new();
    help_import();
    help_report();
    help_help_command();
    help_help_command_arg();
    help_help();
    help_version();
    help_lang();
    help_root();
    help_today();
    help_output();
    help_timings();
    help_serve_timings();
    help_port();
    help_poll();
    help_period();
    help_party();
    help_report_out();
    help_import_files();
    help_import_dry_run();
    help_stubs();
    help_new_kind();
    help_new_issuer();
    help_new_implements();
    help_new_copy_of();
    help_new_id();
    help_new_number();
    help_new_title();
    help_new_date();
    help_new_dry_run();
    help_usage();
    help_commands();
    help_options();
    help_arguments();
    help_options_tag();
    value_command();
    value_site();
    value_dir();
    value_port();
    value_period();
    value_docx();
    value_file();
    value_kind();
    value_body();
    value_number();
    value_text();
    value_date();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a text writes in braces.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close)
                    if !after[..close].is_empty()
                        && after[..close]
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    out.push(&after[..close]);
                    rest = &after[close + 1..];
                }
                _ => rest = after,
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_message_uses_exactly_its_arguments_in_both_languages() {
        let mut wrong = Vec::new();
        for &key in Key::ALL {
            let mut want: Vec<&str> = key.params().to_vec();
            want.sort_unstable();
            for (lang, m) in [("vi", &VI), ("en", &EN)] {
                let text = key.text(m);
                if text.trim().is_empty() {
                    wrong.push(format!("{}: empty in {lang}", key.name()));
                }
                let got = placeholders(text);
                if got != want {
                    wrong.push(format!(
                        "{} in {lang}: uses {got:?}, declares {want:?}",
                        key.name()
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A text left in English in the Vietnamese catalogue shows as the same text in both:
    /// none may be, but texts of nothing but arguments, code and punctuation.
    #[test]
    fn the_two_catalogues_differ_where_they_should() {
        let same: Vec<&str> = Key::ALL
            .iter()
            .filter(|k| k.text(&VI) == k.text(&EN) && words(k.text(&VI)) > 0)
            .map(|k| k.name())
            .collect();
        assert!(
            same.is_empty(),
            "the same text in both catalogues: {same:?}"
        );
    }

    /// Letters of a text outside its arguments (`{name}`) and code (`` `…` ``).
    fn words(text: &str) -> usize {
        let mut n = 0;
        let (mut in_code, mut in_arg) = (false, false);
        for c in text.chars() {
            match c {
                '`' => in_code = !in_code,
                '{' => in_arg = true,
                '}' => in_arg = false,
                c if c.is_alphabetic() && !in_code && !in_arg => n += 1,
                _ => {}
            }
        }
        n
    }

    /// Every key is made somewhere in the code (`msg::NAME`), and the code makes no key
    /// that is not declared (which would not compile).
    #[test]
    fn every_message_is_used_by_code() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut code = String::new();
        read_all(&src, &mut code);
        let unused: Vec<&str> = Key::ALL
            .iter()
            .map(|k| k.name())
            .filter(|n| {
                let used = format!("msg::{n}");
                !code.match_indices(&used).any(|(i, _)| {
                    !code[i + used.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            })
            .collect();
        assert!(unused.is_empty(), "keys no code uses: {unused:?}");
    }

    fn read_all(dir: &std::path::Path, out: &mut String) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("src/messages") {
                    read_all(&p, out);
                }
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("src/messages.rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                // Test code does not count: a message only tests make is a message no one sees.
                let text = match text.find("#[cfg(test)]\nmod tests") {
                    Some(i) => &text[..i],
                    None => &text,
                };
                if !p.to_string_lossy().ends_with("_tests.rs") && !p.ends_with("tests.rs") {
                    out.push_str(text);
                }
            }
        }
    }

    #[test]
    fn renders_arguments_in_the_language() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 3).unwrap();
        let m = msg::diag_file_line(Arg::Date(d), 1234usize);
        assert_eq!(
            m.render(Language::Vi),
            "ngày 03 tháng 8 năm 2022, dòng 1.234"
        );
        assert_eq!(m.render(Language::En), "3 August 2022:1,234");
    }
}
