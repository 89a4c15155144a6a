//! Starts Tandem with settings from the environment, or runs one of its commands (`cli::USAGE`).

/// mimalloc instead of glibc's malloc: a page render allocates thousands of small objects on
/// every worker thread, and glibc's arenas spent a third of the server's time on them (and on
/// their locks) under load; see "Speed" in the README.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    server::telemetry::init();
    let config = server::config::Config::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        return match server::cli::run(&args, &config, chrono::Utc::now()).await {
            Ok(out) => {
                println!("{out}");
                Ok(())
            }
            Err(e) => {
                eprintln!("{e}\n\n{}", server::cli::USAGE);
                std::process::exit(2)
            }
        };
    }
    let signals = server::startup::StopSignals::listen()?;
    let running = server::startup::spawn(config).await?;
    tracing::info!("Tandem is running at http://{}", running.addr);
    running.until_shutdown_signal(signals).await?;
    Ok(())
}
