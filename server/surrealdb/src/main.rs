//! SurrealDB's own server (`surrealdb start ...`, the same arguments as the `surreal` binary),
//! built from the published `surrealdb-server` crate at the version of our client. The tests
//! start it to run the app against a real database server; a normal build leaves it out.

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
