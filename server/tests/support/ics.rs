//! Reads an iCalendar document back the way a calendar does: unfolds lines, splits each into
//! name, parameters and value, and unescapes text.

pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

pub struct Calendar(pub Vec<Property>);

impl Calendar {
    pub fn parse(text: &str) -> Self {
        assert!(text.contains("\r\n"), "iCalendar lines end in CRLF");
        let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
        let props = unfolded
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|line| {
                // the value starts after the first colon outside a quoted parameter
                let mut quoted = false;
                let split = line
                    .char_indices()
                    .find(|(_, c)| {
                        if *c == '"' {
                            quoted = !quoted;
                        }
                        *c == ':' && !quoted
                    })
                    .map(|(i, _)| i)
                    .unwrap_or_else(|| panic!("no value in {line:?}"));
                let (head, value) = (&line[..split], &line[split + 1..]);
                let mut pieces = head.split(';');
                let name = pieces.next().unwrap().to_ascii_uppercase();
                let params = pieces
                    .filter_map(|p| p.split_once('='))
                    .map(|(k, v)| (k.to_ascii_uppercase(), v.trim_matches('"').to_owned()))
                    .collect();
                Property {
                    name,
                    params,
                    value: unescape(value),
                }
            })
            .collect();
        Calendar(props)
    }

    /// The value of the first property called `name`.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
            .unwrap_or_else(|| panic!("no {name}"))
    }

    pub fn param(&self, name: &str, param: &str) -> &str {
        self.0
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.params.iter().find(|(k, _)| k == param))
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name};{param}"))
    }

    /// A `DATE-TIME` value in UTC (`20310331T080000Z`) as an instant.
    pub fn instant(&self, name: &str) -> chrono::DateTime<chrono::Utc> {
        let v = self.get(name);
        chrono::NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
            .unwrap_or_else(|e| panic!("{name}:{v}: {e}"))
            .and_utc()
    }
}

fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
