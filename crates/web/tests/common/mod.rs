//! What the page tests share: a small HTML reader, so every page is held to the same checks
//! (every tag closed; no English left on a Ukrainian or Russian page outside what is marked
//! `lang="en"`, `translate="no"` or `<code>`).

pub const VOID: [&str; 14] = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "!doctype"];

/// A text node or an attribute a person reads, with whether it is marked as not to translate
/// (inside `lang="en"`, `translate="no"` or `<code>`), or inside script/style.
pub struct Text {
    pub text: String,
    pub exempt: bool,
}

/// Checks that every element is closed in order, and returns the visible texts.
pub fn read_html(html: &str) -> Result<Vec<Text>, String> {
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut texts = Vec::new();
    let mut rest = html;
    let exempt_now = |stack: &Vec<(String, bool)>| stack.iter().any(|(n, e)| *e || n == "script" || n == "style" || n == "code");
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        if !text.trim().is_empty() {
            texts.push(Text { text: text.trim().to_string(), exempt: exempt_now(&stack) });
        }
        rest = &rest[i..];
        let in_raw = stack.last().is_some_and(|(n, _)| n == "script" || n == "style");
        if in_raw && !rest.starts_with("</") {
            // Script and style content is not markup.
            let close = stack.last().map(|(n, _)| format!("</{n}>")).unwrap();
            let j = rest.find(&close).ok_or("unclosed script/style")?;
            rest = &rest[j..];
            continue;
        }
        let end = rest.find('>').ok_or("a tag not closed by '>'")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match stack.pop() {
                Some((open, _)) if open == name => {}
                other => return Err(format!("</{name}> closes {:?}", other.map(|o| o.0))),
            }
            continue;
        }
        let name = tag.split([' ', '\n', '/']).next().unwrap_or_default().to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        for attr in ["aria-label=\"", "placeholder=\"", "alt=\"", "title=\""] {
            if let Some(p) = tag.find(attr) {
                let v = &tag[p + attr.len()..];
                let v = &v[..v.find('"').unwrap_or(v.len())];
                texts.push(Text { text: v.to_string(), exempt: exempt_now(&stack) });
            }
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        let exempt = tag.contains("lang=\"en\"") && !tag.starts_with("html") || tag.contains("translate=\"no\"");
        stack.push((name, exempt));
    }
    if !stack.is_empty() {
        return Err(format!("unclosed at the end: {:?}", stack.iter().map(|s| &s.0).collect::<Vec<_>>()));
    }
    Ok(texts)
}

/// English words in a text: a Latin word of three letters or more with a lower-case letter
/// ("Yes", "favour"). Symbols ("A/RES/ES-11/1", "PV"), numbers and codes are not words.
/// The product's name, "Plenary", is the same in every language (app-name in every main.ftl).
pub fn english_words(s: &str) -> Vec<String> {
    let brand = plenary_i18n::t(plenary_i18n::Lang::Uk, "app-name");
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_lowercase()) && *w != brand)
        .map(str::to_string)
        .collect()
}
